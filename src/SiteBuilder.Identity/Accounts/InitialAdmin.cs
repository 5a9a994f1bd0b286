using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Storage;

namespace SiteBuilder.Identity.Accounts;

/// <summary>
/// On the first start with no accounts, creates <c>admin</c> with a random password, shown once on the console
/// and written to <c>{data directory}/initial-admin-password</c>, readable by the owner only.
/// </summary>
public sealed class InitialAdmin(AccountService accounts, IOptions<SiteBuilderOptions> site, ILogger<InitialAdmin> logger) : IHostedService
{
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

        await using (var writer = new StreamWriter(path, System.Text.Encoding.UTF8, fileOptions))
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

    Task IHostedService.StartAsync(CancellationToken cancellationToken) => EnsureAsync(cancellationToken);

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
