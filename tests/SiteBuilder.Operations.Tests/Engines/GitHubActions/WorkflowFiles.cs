using SiteBuilder.TestSupport.Emulators;
using SiteBuilder.TestSupport.FakeGitHub;
using YamlDotNet.RepresentationModel;

namespace SiteBuilder.Operations.Tests.Engines.GitHubActions;

/// <summary>Reads <c>.github/workflows/*.yml</c> with YamlDotNet: what each workflow declares, as the fake GitHub needs it.</summary>
internal static class WorkflowFiles
{
    public static readonly string[] Files = ["app-deploy.yml", "promotion.yml", "rollback.yml", "terraform-apply.yml"];

    public static string PathOf(string file) => Path.Combine(RepositoryRoot.Find(), ".github", "workflows", file);

    public static YamlMappingNode Root(string file)
    {
        using var reader = new StreamReader(PathOf(file));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static FakeWorkflow Read(string file)
    {
        var root = Root(file);
        var inputs = DispatchInputs(root).Select(input =>
        {
            var declaration = (YamlMappingNode)input.Value;
            var required = declaration.Children.TryGetValue(new YamlScalarNode("required"), out var r) && ((YamlScalarNode)r).Value == "true";
            var options = declaration.Children.TryGetValue(new YamlScalarNode("options"), out var o)
                ? ((YamlSequenceNode)o).Children.Select(c => ((YamlScalarNode)c).Value!).ToList()
                : [];
            return new FakeWorkflowInput(((YamlScalarNode)input.Key).Value!, required, options);
        }).ToList();
        return new FakeWorkflow(file, Scalar(root, "name"), Scalar(root, "run-name"), inputs);
    }

    public static IEnumerable<KeyValuePair<YamlNode, YamlNode>> DispatchInputs(YamlMappingNode root)
    {
        var on = (YamlMappingNode)root.Children[new YamlScalarNode("on")];
        var dispatch = (YamlMappingNode)on.Children[new YamlScalarNode("workflow_dispatch")];
        return ((YamlMappingNode)dispatch.Children[new YamlScalarNode("inputs")]).Children;
    }

    public static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value!;

    public static FakeWorkflow[] All() => [.. Files.Select(Read)];
}
