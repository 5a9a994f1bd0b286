using SiteBuilder.Portal.Cli;
using SiteBuilder.Portal.Hosting;

// The same executable is the server and the admin CLI (users, token); both read the same configuration.
if (AdminCli.IsCommand(args))
{
    return await AdminCli.RunAsync(args);
}

try
{
    var app = PortalHost.Build(PortalHost.CreateBuilder(args));
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (ConfigurationProblem.Describe(e) is { } problem)
{
    // A bad setting stops the start with a message that names the key, not a stack trace.
    Console.Error.WriteLine($"Configuration error: {problem}");
    return 1;
}

public partial class Program;
