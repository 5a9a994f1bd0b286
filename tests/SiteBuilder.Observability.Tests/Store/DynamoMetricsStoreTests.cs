using SiteBuilder.Observability.Store;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Observability.Tests.Store;

public sealed class DynamoMetricsStoreTests(DynaliteTables tables) : MetricsStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IMetricsStore> CreateStoreAsync() => new(new DynamoMetricsStore(tables.Client, tables.Names, Clock));
}
