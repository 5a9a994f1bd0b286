using System.Text.Json.Nodes;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>Every .tf file under terraform/, parsed once per test run and grouped by folder.</summary>
public sealed class TerraformTree
{
    public static readonly string[] Environments = ["dev", "sit", "prod"];
    public static readonly string[] ModuleNames = ["storage", "service", "auth", "monitoring", "network"];

    /// <summary>The module each environment root calls once; it calls the five above.</summary>
    public const string EnvironmentModule = "environment";

    private static readonly Lazy<Task<TerraformTree>> Loaded = new(ReadAsync);

    private TerraformTree(string root, IReadOnlyDictionary<string, HclFile> files)
    {
        Root = root;
        Files = files;
    }

    /// <summary>The terraform/ folder.</summary>
    public string Root { get; }

    /// <summary>By path relative to terraform/, with '/' separators.</summary>
    public IReadOnlyDictionary<string, HclFile> Files { get; }

    public static Task<TerraformTree> LoadAsync() => Loaded.Value;

    public TerraformModule Folder(string relativeFolder)
    {
        var prefix = relativeFolder.TrimEnd('/') + "/";
        var files = Files.Where(pair => pair.Key.StartsWith(prefix, StringComparison.Ordinal) && !pair.Key[prefix.Length..].Contains('/'))
            .Select(pair => pair.Value.Json ?? throw new InvalidOperationException($"{pair.Key} does not parse: {pair.Value.Error}"))
            .ToList();
        if (files.Count == 0)
        {
            throw new DirectoryNotFoundException($"No .tf files in terraform/{relativeFolder}.");
        }

        return new TerraformModule(relativeFolder, files);
    }

    public TerraformModule Module(string name) => Folder($"modules/{name}");

    public TerraformModule Environment(string name) => Folder($"environments/{name}");

    /// <summary>
    /// The root as terraform evaluates it (see <see cref="Terraform.EffectiveEnvironment"/>): the wrapper's module calls
    /// with the root's values, and the wrapper variables the root leaves without one.
    /// </summary>
    public (TerraformModule View, IReadOnlyList<string> Unresolved) EffectiveEnvironment(string name)
    {
        var root = Environment(name);
        var call = root.ModuleCall(Terraform.EffectiveEnvironment.WrapperCall);
        return call is null
            ? (root, [$"{root.Name}: no module \"{Terraform.EffectiveEnvironment.WrapperCall}\" call."])
            : Terraform.EffectiveEnvironment.Of(root, Source(root, call), call.Text("source")!);
    }

    /// <summary>The module a <c>module</c> block's <c>source</c> points at, relative to the calling folder.</summary>
    public TerraformModule Source(TerraformModule caller, TerraformBlock moduleCall)
    {
        var source = moduleCall.Text("source") ?? throw new InvalidOperationException($"{caller.Name}: module {moduleCall.Name} has no source.");
        var folder = Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(Root, caller.Name, source))).Replace('\\', '/');
        return Folder(folder);
    }

    private static async Task<TerraformTree> ReadAsync()
    {
        var root = Path.Combine(RepositoryRoot.Find(), "terraform");
        var texts = Directory.EnumerateFiles(root, "*.tf", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}.terraform{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(path => Path.GetRelativePath(root, path).Replace('\\', '/'), File.ReadAllText);
        return new TerraformTree(root, await Hcl.ParseAsync(texts));
    }

    /// <summary>A module made from fixture text, for tests that show a rule failing.</summary>
    public static async Task<TerraformModule> FixtureAsync(string text, string name = "fixture") =>
        new(name, [await Hcl.ParseValidAsync(text)]);

    public static JsonObject AlarmDefinitions() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "terraform", "modules", "monitoring", "alarms.json")))!.AsObject();
}
