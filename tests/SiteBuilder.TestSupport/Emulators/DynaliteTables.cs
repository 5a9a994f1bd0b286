using Amazon.DynamoDBv2;
using SiteBuilder.Storage;
using Xunit;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// A class fixture (<c>IClassFixture&lt;DynaliteTables&gt;</c>) that gives one test class its own pair of tables on the
/// assembly's <see cref="DynaliteEmulator"/>.
/// </summary>
public sealed class DynaliteTables(DynaliteEmulator dynalite) : IAsyncLifetime
{
    private ResourceNames? _names;

    public DynaliteEmulator Emulator => dynalite;

    public IAmazonDynamoDB Client => dynalite.Client;

    public ResourceNames Names => _names ?? throw new InvalidOperationException("The tables are created in InitializeAsync.");

    public async ValueTask InitializeAsync() => _names = await dynalite.CreateTablesAsync();

    // The emulator is in memory and goes away with its process; dropping tables one by one would only cost time.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
