using SiteBuilder.Identity.Tokens;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Tokens;

public sealed class DynamoApiTokenStoreTests(DynaliteTables tables) : ApiTokenStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IApiTokenStore> CreateStoreAsync() => new(new DynamoApiTokenStore(tables.Client, tables.Names));
}
