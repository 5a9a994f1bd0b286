using System.Text.Json.Nodes;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>A named block of a module: <c>resource "type" "name"</c>, <c>data</c>, <c>module</c>, <c>variable</c>, ...</summary>
public sealed record TerraformBlock(string Type, string Name, JsonObject Body)
{
    public string Address => Type.Length == 0 ? Name : $"{Type}.{Name}";

    public JsonNode? this[string attribute] => Body[attribute];

    /// <summary>A nested block (hcl2json writes each as an array of bodies); the first, or null.</summary>
    public JsonObject? Nested(string block) => TerraformModule.First(Body[block]);

    public IEnumerable<JsonObject> NestedAll(string block) => TerraformModule.All(Body[block]);

    public string? Text(string attribute) => TerraformModule.Text(Body[attribute]);
}

/// <summary>The .tf files of one folder, merged, as hcl2json renders them (expressions stay <c>${...}</c> strings).</summary>
public sealed class TerraformModule(string name, IReadOnlyList<JsonObject> parsedFiles)
{
    public string Name { get; } = name;

    /// <summary>The parsed files, as hcl2json wrote them.</summary>
    public IReadOnlyList<JsonObject> Files { get; } = parsedFiles;

    public IEnumerable<TerraformBlock> Resources(string type) => TypedBlocks("resource", type);

    public IEnumerable<TerraformBlock> Data(string type) => TypedBlocks("data", type);

    public IEnumerable<TerraformBlock> ResourceTypes(params string[] types) => types.SelectMany(Resources);

    public IEnumerable<TerraformBlock> ModuleCalls => NamedBlocks("module");

    public IEnumerable<TerraformBlock> Variables => NamedBlocks("variable");

    public IEnumerable<TerraformBlock> Providers(string name) =>
        Files.SelectMany(file => All(file["provider"]?[name]).Select(body => new TerraformBlock("provider", name, body)));

    /// <summary>Every <c>locals</c> value by name.</summary>
    public IReadOnlyDictionary<string, JsonNode?> Locals =>
        Files.SelectMany(file => All(file["locals"])).SelectMany(block => block).ToDictionary(pair => pair.Key, pair => pair.Value);

    /// <summary>The <c>terraform { backend "kind" { ... } }</c> body, or null.</summary>
    public JsonObject? Backend(string kind) =>
        Files.SelectMany(file => All(file["terraform"])).Select(block => First(block["backend"]?[kind])).FirstOrDefault(body => body is not null);

    public TerraformBlock? Variable(string name) => Variables.FirstOrDefault(v => v.Name == name);

    public TerraformBlock? ModuleCall(string name) => ModuleCalls.FirstOrDefault(m => m.Name == name);

    private IEnumerable<TerraformBlock> TypedBlocks(string kind, string type) =>
        Files.SelectMany(file => file[kind]?[type] is JsonObject byName
            ? byName.SelectMany(pair => All(pair.Value).Select(body => new TerraformBlock(type, pair.Key, body)))
            : []);

    private IEnumerable<TerraformBlock> NamedBlocks(string kind) =>
        Files.SelectMany(file => file[kind] is JsonObject byName
            ? byName.SelectMany(pair => All(pair.Value).Select(body => new TerraformBlock(kind, pair.Key, body)))
            : []);

    public static IEnumerable<JsonObject> All(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonObject>(),
        JsonObject single => [single],
        _ => [],
    };

    public static JsonObject? First(JsonNode? node) => All(node).FirstOrDefault();

    /// <summary>A literal or an expression as text; numbers and booleans as their JSON text.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue(out string? text) => text,
        _ => node.ToJsonString(),
    };

    public static bool IsTrue(JsonNode? node) => node is JsonValue value && value.TryGetValue(out bool flag) && flag;

    public static IReadOnlyList<string> Strings(JsonNode? node) => node is JsonArray array
        ? array.Select(Text).OfType<string>().ToList()
        : Text(node) is { } single ? [single] : [];

    /// <summary>The expression names <c>prefix.name</c> as a whole reference (followed by <c>.</c>, <c>[</c> or <c>}</c>).</summary>
    public static bool References(JsonNode? node, string reference) =>
        Text(node) is { } text && System.Text.RegularExpressions.Regex.IsMatch(text, $@"(?<![A-Za-z0-9_.]){System.Text.RegularExpressions.Regex.Escape(reference)}(?![A-Za-z0-9_-])");
}
