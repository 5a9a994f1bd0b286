using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Storage;

namespace SiteBuilder.Identity.Accounts;

/// <summary>
/// On the first start with no accounts, creates <c>admin</c> with a random password, shown once on the console
/// and written to <c>{data directory}/initial-admin-password</c>, readable by the owner only.
/// </summary>
public sealed class InitialAdmin(AccountService accounts, IOptions<SiteBuilderOptions> site, ILogger<InitialAdmin> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(10);

    public const string FileName = "initial-admin-password";

    public async Task<string?> EnsureAsync(CancellationToken cancellationToken = default)
    {
        if ((await accounts.ListAsync(cancellationToken)).Count > 0)
        {
            return null;
        }

        string password;
        try
        {
            (_, password) = await accounts.CreateAsync(new NewAccount("admin", [Roles.Admin], [], DisplayName: "Administrator"), cancellationToken);
        }
        catch (AccountConflictException)
        {
            // Another instance created it first.
            return null;
        }

        var path = Path.Combine(site.Value.ResolveDataDirectory(), FileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), fileOptions))
        {
            await writer.WriteLineAsync(password.AsMemory(), cancellationToken);
        }

        // Deliberately on the console and not through the logger: log sinks are shipped elsewhere; the console of a first start is not.
        Console.WriteLine();
        Console.WriteLine("  Created the first account: admin");
        Console.WriteLine($"  Password: {password}");
        Console.WriteLine($"  (also saved to {path}; change it after signing in)");
        Console.WriteLine();
        logger.LogWarning("Created the initial admin account; its password is in {Path}", path);
        return password;
    }

    /// <summary>
    /// Runs at start. A store that does not answer yet (DynamoDB still starting, credentials arriving) must not stop
    /// the process, or /health/ready could never say why: keep trying in the background.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await EnsureAsync(stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not check for the initial admin account; retrying in {Seconds} s", RetryInterval.TotalSeconds);
                await Task.Delay(RetryInterval, stoppingToken);
            }
        }
    }
}
