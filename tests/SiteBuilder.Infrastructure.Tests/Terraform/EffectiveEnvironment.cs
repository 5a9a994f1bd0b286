using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// An environment root as terraform evaluates it: the root calls <c>modules/environment</c> once, and that wrapper
/// calls the five modules. This view replaces the wrapper call with the wrapper's own module calls, each argument
/// that reads a wrapper variable (<c>var.size.cpu</c>, <c>var.deployment.image_tag</c>) replaced by what the root
/// passes for it (through the root's locals), so the policy rules see each environment's effective values.
/// </summary>
public static partial class EffectiveEnvironment
{
    public const string WrapperCall = "environment";

    /// <summary>The flattened view, and every wrapper variable read that the root gives no value for.</summary>
    public static (TerraformModule View, IReadOnlyList<string> Unresolved) Of(TerraformModule root, TerraformModule wrapper, string wrapperSource)
    {
        var unresolved = new List<string>();
        var call = root.ModuleCall(WrapperCall);
        if (call is null)
        {
            return (root, [$"{root.Name}: no module \"{WrapperCall}\" call."]);
        }

        var locals = root.Locals;
        var calls = new JsonObject();
        foreach (var inner in wrapper.ModuleCalls)
        {
            var body = (JsonObject)Resolve(inner.Body, call, wrapper, locals, unresolved, $"{root.Name}: module {inner.Name}")!;
            var innerSource = inner.Text("source") ?? "";
            body["source"] = NormalisePath($"{wrapperSource}/{innerSource}");
            calls[inner.Name] = new JsonArray(body);
        }

        var files = root.Files.Select(file =>
        {
            var copy = (JsonObject)file.DeepClone();
            copy.Remove("module");
            return copy;
        }).Append(new JsonObject { ["module"] = calls }).ToList();
        return (new TerraformModule(root.Name, files), unresolved);
    }

    private static JsonNode? Resolve(JsonNode? node, TerraformBlock call, TerraformModule wrapper, IReadOnlyDictionary<string, JsonNode?> locals, List<string> unresolved, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                var resolvedObject = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    resolvedObject[key] = Resolve(value, call, wrapper, locals, unresolved, $"{where}.{key}");
                }

                return resolvedObject;
            case JsonArray array:
                return new JsonArray(array.Select(item => Resolve(item, call, wrapper, locals, unresolved, where)).ToArray());
            case JsonValue value when value.TryGetValue(out string? text) && text.Contains("${", StringComparison.Ordinal):
                var whole = WholeVariable().Match(text);
                if (whole.Success)
                {
                    return Value(whole.Groups[1].Value, call, wrapper, locals, unresolved, where)?.DeepClone();
                }

                return JsonValue.Create(VariableReference().Replace(text, match =>
                {
                    var resolved = Value(match.Groups[1].Value, call, wrapper, locals, unresolved, where);
                    var resolvedText = TerraformModule.Text(resolved) ?? "null";
                    return resolvedText.StartsWith("${", StringComparison.Ordinal) && resolvedText.EndsWith('}') ? resolvedText[2..^1]
                        : resolved is JsonValue literal && literal.TryGetValue(out string? _) ? $"\"{resolvedText}\"" : resolvedText;
                }));
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>The value of <c>var.a.b.c</c> inside the wrapper: the root's argument <c>a</c> (or a's default), then .b.c.</summary>
    private static JsonNode? Value(string path, TerraformBlock call, TerraformModule wrapper, IReadOnlyDictionary<string, JsonNode?> locals, List<string> unresolved, string where)
    {
        var parts = path.Split('.');
        var current = call[parts[0]] ?? wrapper.Variable(parts[0])?["default"];
        if (current is null)
        {
            unresolved.Add($"{where}: the root passes nothing for var.{parts[0]}.");
            return null;
        }

        foreach (var member in parts.Skip(1))
        {
            if (TerraformModule.Text(current) is { } text && WholeLocal().Match(text) is { Success: true } local)
            {
                current = locals.GetValueOrDefault(local.Groups[1].Value);
            }

            if (current is not JsonObject obj || obj[member] is not { } next)
            {
                unresolved.Add($"{where}: var.{path} has no value (no {member} in what the root passes).");
                return null;
            }

            current = next;
        }

        return current;
    }

    private static string NormalisePath(string path)
    {
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return string.Join('/', parts);
    }

    [GeneratedRegex(@"^\$\{var\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)\}$")]
    private static partial Regex WholeVariable();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])var\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)*)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"^\$\{local\.([A-Za-z0-9_]+)\}$")]
    private static partial Regex WholeLocal();
}
