using System.Diagnostics;
using System.Net.Sockets;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Storage.Tests.Emulators;

/// <summary>The fixtures themselves: an emulator must never outlive the tests that started it.</summary>
public sealed class EmulatorFixtureTests
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DisposingTheDynaliteFixtureStopsItsProcess()
    {
        var dynalite = await DynaliteEmulator.StartAsync(Cancellation);
        var processId = dynalite.Process.ProcessId;
        var port = dynalite.Process.Port;
        await dynalite.Client.ListTablesAsync(new Amazon.DynamoDBv2.Model.ListTablesRequest(), Cancellation);

        await dynalite.DisposeAsync();

        Assert.False(IsRunning(processId));
        await Assert.ThrowsAnyAsync<SocketException>(() => ConnectAsync(port));
    }

    [Fact]
    public async Task DisposingTheS3rverFixtureStopsItsProcessAndDeletesItsData()
    {
        var s3rver = await S3rverEmulator.StartAsync(Cancellation);
        var processId = s3rver.Process.ProcessId;
        var dataDirectory = s3rver.DataDirectory;
        await s3rver.CreateBucketsAsync(cancellationToken: Cancellation);
        Assert.NotEmpty(Directory.GetDirectories(dataDirectory));

        await s3rver.DisposeAsync();

        Assert.False(IsRunning(processId));
        Assert.False(Directory.Exists(dataDirectory));
    }

    [Fact]
    public async Task AnEmulatorExitsByItselfWhenItsStandardInputCloses()
    {
        // What happens when a test host crashes: its pipes close and nobody disposes anything.
        await using var emulator = await EmulatorProcess.StartAsync(["dynalite"], cancellationToken: Cancellation);

        Assert.True(await emulator.CloseInputAndWaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.True(emulator.HasExited);
    }

    [Fact]
    public async Task AnUnknownEmulatorFailsWithItsUsage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => EmulatorProcess.StartAsync(["cosmos"], cancellationToken: Cancellation));

        Assert.Contains("usage: node start.js dynalite", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RepositoryRootIsTheFolderWithTheSolution()
    {
        var root = RepositoryRoot.Find();

        Assert.True(File.Exists(Path.Combine(root, RepositoryRoot.SolutionFile)));
        Assert.True(File.Exists(Path.Combine(RepositoryRoot.EmulatorsDirectory(), "start.js")));
    }

    [Fact]
    public void UniqueNamesFollowTheProductionSchemeAndAreValidBucketNames()
    {
        var first = UniqueResourceNames.Create();
        var second = UniqueResourceNames.Create();

        Assert.NotEqual(first, second);
        Assert.StartsWith("site-builder-generation-t", first.GenerationTable, StringComparison.Ordinal);
        Assert.All([first.AssetsBucket, first.SitesBucket], bucket => Assert.Matches("^[a-z0-9][a-z0-9-]{2,62}$", bucket));
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static async Task ConnectAsync(int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", port, Cancellation);
    }
}
