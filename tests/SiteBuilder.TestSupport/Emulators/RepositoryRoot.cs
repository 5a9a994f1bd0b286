namespace SiteBuilder.TestSupport.Emulators;

/// <summary>The folder that holds <c>SiteBuilder.Portal.sln</c>, found by walking up from the test binaries.</summary>
public static class RepositoryRoot
{
    public const string SolutionFile = "SiteBuilder.Portal.sln";

    public static string Find() => Find(AppContext.BaseDirectory);

    public static string Find(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No {SolutionFile} in '{startDirectory}' or any folder above it: run the tests from inside the repository.");
    }

    /// <summary><c>tests/emulators</c>: the npm package with dynalite, s3rver and start.js.</summary>
    public static string EmulatorsDirectory() => Path.Combine(Find(), "tests", "emulators");
}
