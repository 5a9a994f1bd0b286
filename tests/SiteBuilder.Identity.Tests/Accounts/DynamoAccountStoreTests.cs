using SiteBuilder.Identity.Accounts;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Identity.Tests.Accounts;

public sealed class DynamoAccountStoreTests(DynaliteTables tables) : AccountStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IAccountStore> CreateStoreAsync() => new(new DynamoAccountStore(tables.Client, tables.Names));
}
