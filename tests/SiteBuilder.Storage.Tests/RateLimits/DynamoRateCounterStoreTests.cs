using SiteBuilder.Storage.RateLimits;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.RateLimits;

public sealed class DynamoRateCounterStoreTests(DynaliteTables tables) : RateCounterStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IRateCounterStore> CreateStoreAsync() => new(new DynamoRateCounterStore(tables.Client, tables.Names));
}
