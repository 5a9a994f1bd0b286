namespace SiteBuilder.TestSupport.Emulators;

/// <summary>Finds programs on PATH, so a missing tool fails with a message that says what to install.</summary>
public static class Executables
{
    public static string? Find(string name)
    {
        var extensions = OperatingSystem.IsWindows() ? new[] { ".exe", ".cmd", ".bat", "" } : [""];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var extension in extensions)
            {
                var candidate = Path.Combine(directory, name + extension);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    public static string Require(string name, string neededFor) =>
        Find(name) ?? throw new InvalidOperationException(
            $"'{name}' was not found on PATH; it is needed to {neededFor}. Install Node.js 20 or later with npm (Debian: apt-get install nodejs npm).");
}
