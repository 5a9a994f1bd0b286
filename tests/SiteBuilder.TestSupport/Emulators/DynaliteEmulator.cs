using Amazon.DynamoDBv2;
using SiteBuilder.Storage;
using SiteBuilder.Storage.DynamoDb;
using Xunit;

namespace SiteBuilder.TestSupport.Emulators;

/// <summary>
/// An in-memory DynamoDB (dynalite) on a free loopback port. Use it as an xunit assembly fixture
/// (<c>[assembly: AssemblyFixture(typeof(DynaliteEmulator))]</c>), one process per test assembly, and give every
/// test class its own tables with <see cref="CreateTablesAsync"/> or the <see cref="DynaliteTables"/> class fixture.
/// Outside xunit: <c>await using var dynalite = await DynaliteEmulator.StartAsync();</c>.
/// </summary>
public sealed class DynaliteEmulator : IAsyncLifetime
{
    /// <summary>dynalite accepts any credentials; these only have to be present so the SDK signs requests.</summary>
    public const string AccessKeyId = "dynalite";
    public const string SecretAccessKey = "dynalite";
    public const string Region = "us-east-1";

    private EmulatorProcess? _process;
    private IAmazonDynamoDB? _client;

    public static async Task<DynaliteEmulator> StartAsync(CancellationToken cancellationToken = default)
    {
        var emulator = new DynaliteEmulator();
        await emulator.StartCoreAsync(cancellationToken);
        return emulator;
    }

    public string ServiceUrl => $"http://127.0.0.1:{Process.Port}";

    /// <summary>The node process, for checks that it is gone after dispose.</summary>
    public EmulatorProcess Process => _process ?? throw NotStarted();

    /// <summary>A client built by <see cref="AwsClients.DynamoDb"/> from <see cref="Options()"/>, as the app builds its own.</summary>
    public IAmazonDynamoDB Client => _client ?? throw NotStarted();

    /// <summary>Endpoint and credentials for this emulator; a new instance each call, so callers may change it.</summary>
    public DynamoDbStorageOptions Options() => new()
    {
        ServiceUrl = ServiceUrl,
        Region = Region,
        AccessKeyId = AccessKeyId,
        SecretAccessKey = SecretAccessKey,
    };

    /// <summary>Endpoint, credentials and the table names of <paramref name="names"/>.</summary>
    public DynamoDbStorageOptions Options(ResourceNames names)
    {
        var options = Options();
        options.GenerationTable = names.GenerationTable;
        options.OperationsTable = names.OperationsTable;
        return options;
    }

    /// <summary>
    /// Configuration that runs the app's records on this emulator (<c>SiteBuilder:Storage:Provider = DynamoDb</c>) with the tables of
    /// <paramref name="names"/>, for <c>WebApplicationFactory</c> or any <c>IConfigurationBuilder.AddInMemoryCollection</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Configuration(ResourceNames names) => new Dictionary<string, string?>
    {
        [$"{StorageOptions.Section}:Provider"] = nameof(StorageProvider.DynamoDb),
        [$"{StorageOptions.Section}:DynamoDb:ServiceUrl"] = ServiceUrl,
        [$"{StorageOptions.Section}:DynamoDb:Region"] = Region,
        [$"{StorageOptions.Section}:DynamoDb:AccessKeyId"] = AccessKeyId,
        [$"{StorageOptions.Section}:DynamoDb:SecretAccessKey"] = SecretAccessKey,
        [$"{StorageOptions.Section}:DynamoDb:GenerationTable"] = names.GenerationTable,
        [$"{StorageOptions.Section}:DynamoDb:OperationsTable"] = names.OperationsTable,
    };

    /// <summary>Creates the two tables of DESIGN §6 under fresh unique names (or the given ones) with the app's own schema code.</summary>
    public async Task<ResourceNames> CreateTablesAsync(ResourceNames? names = null, CancellationToken cancellationToken = default)
    {
        names ??= UniqueResourceNames.Create();
        await DynamoDbSchema.EnsureTablesAsync(Client, names, cancellationToken);
        return names;
    }

    public ValueTask InitializeAsync() => new(StartCoreAsync(CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        _client = null;
        if (_process is not null)
        {
            await _process.DisposeAsync();
            _process = null;
        }
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        _process = await EmulatorProcess.StartAsync(["dynalite"], cancellationToken: cancellationToken);
        _client = AwsClients.DynamoDb(Options());
    }

    private static InvalidOperationException NotStarted() =>
        new("The dynalite emulator is not running: use it as an xunit fixture or call DynaliteEmulator.StartAsync().");
}
