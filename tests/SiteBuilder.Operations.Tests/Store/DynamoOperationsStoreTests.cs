using SiteBuilder.Operations.Store;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Operations.Tests.Store;

public sealed class DynamoOperationsStoreTests(DynaliteTables tables) : OperationsStoreContract, IClassFixture<DynaliteTables>
{
    protected override ValueTask<IOperationsStore> CreateStoreAsync() => new(new DynamoOperationsStore(tables.Client, tables.Names));
}
