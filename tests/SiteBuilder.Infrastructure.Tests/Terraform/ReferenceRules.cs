using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using static SiteBuilder.Infrastructure.Tests.Terraform.TerraformModule;

namespace SiteBuilder.Infrastructure.Tests.Terraform;

/// <summary>
/// The part of <c>terraform validate</c> that needs no provider schema: every <c>var.</c>, <c>local.</c>, resource,
/// data source and <c>module.x.output</c> an expression names is declared, and every module call passes exactly
/// the variables its module declares (all the required ones).
/// </summary>
public static partial class ReferenceRules
{
    private static readonly HashSet<string> MetaArguments = ["source", "version", "providers", "depends_on", "count", "for_each"];

    public static IReadOnlyList<string> UndeclaredReferences(TerraformModule module)
    {
        var files = module.Files;
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var variables = module.Variables.Select(v => v.Name).ToHashSet();
        var locals = module.Locals.Keys.ToHashSet();
        var resources = files.SelectMany(file => Declared(file["resource"])).ToHashSet();
        var data = files.SelectMany(file => Declared(file["data"])).ToHashSet();
        var modules = module.ModuleCalls.Select(call => call.Name).ToHashSet();

        foreach (var expression in files.SelectMany(ExpressionsOutsideMoved))
        {
            foreach (Match match in VariableReference().Matches(expression))
            {
                if (!variables.Contains(match.Groups[1].Value))
                {
                    violations.Add($"{module.Name}: var.{match.Groups[1].Value} is not declared.");
                }
            }

            foreach (Match match in LocalReference().Matches(expression))
            {
                if (!locals.Contains(match.Groups[1].Value))
                {
                    violations.Add($"{module.Name}: local.{match.Groups[1].Value} is not declared.");
                }
            }

            foreach (Match match in ResourceReference().Matches(expression))
            {
                var address = $"{match.Groups[2].Value}.{match.Groups[3].Value}";
                var isData = match.Groups[1].Success;
                if (!(isData ? data : resources).Contains(address))
                {
                    violations.Add($"{module.Name}: {(isData ? "data." : "")}{address} is not declared.");
                }
            }

            foreach (Match match in ModuleReference().Matches(expression))
            {
                if (!modules.Contains(match.Groups[1].Value))
                {
                    violations.Add($"{module.Name}: module.{match.Groups[1].Value} is not declared.");
                }
            }
        }

        return [.. violations];
    }

    /// <summary>Each module call passes only declared variables, every required one, and reads only declared outputs.</summary>
    public static IReadOnlyList<string> ModuleInterfaces(TerraformModule caller, Func<TerraformBlock, TerraformModule> source)
    {
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        var outputsByModule = new Dictionary<string, HashSet<string>>();
        foreach (var call in caller.ModuleCalls)
        {
            var module = source(call);
            var declared = module.Variables.ToDictionary(v => v.Name);
            var passed = call.Body.Select(pair => pair.Key).Where(name => !MetaArguments.Contains(name)).ToHashSet();
            foreach (var unknown in passed.Where(name => !declared.ContainsKey(name)))
            {
                violations.Add($"{caller.Name}: module {call.Name} passes {unknown}, which {module.Name} does not declare.");
            }

            foreach (var missing in declared.Values.Where(v => !v.Body.ContainsKey("default") && !passed.Contains(v.Name)))
            {
                violations.Add($"{caller.Name}: module {call.Name} does not pass the required variable {missing.Name}.");
            }

            outputsByModule[call.Name] = module.Files.SelectMany(file => file["output"] is JsonObject outputs ? outputs.Select(pair => pair.Key) : []).ToHashSet();
        }

        foreach (var expression in caller.Files.SelectMany(ExpressionsOutsideMoved))
        {
            foreach (Match match in ModuleReference().Matches(expression))
            {
                var (name, output) = (match.Groups[1].Value, match.Groups[2].Value);
                if (outputsByModule.TryGetValue(name, out var outputs) && !outputs.Contains(output))
                {
                    violations.Add($"{caller.Name}: module.{name}.{output} is not an output of module {name}.");
                }
            }
        }

        return [.. violations];
    }

    private static IEnumerable<string> Declared(JsonNode? byType) =>
        byType is JsonObject types ? types.SelectMany(type => type.Value is JsonObject names ? names.Select(name => $"{type.Key}.{name.Key}") : []) : [];

    /// <summary>
    /// Each root's <c>moved</c> blocks keep the five modules' state now that module "environment" calls them: every
    /// module the wrapper calls moves from the root's old address to its address inside the wrapper.
    /// </summary>
    public static IReadOnlyList<string> StateMovedIntoTheWrapper(TerraformModule root, TerraformModule wrapper, string wrapperCall)
    {
        var moves = root.Files.SelectMany(file => TerraformModule.All(file["moved"]))
            .Select(move => (From: TerraformModule.Text(move["from"]), To: TerraformModule.Text(move["to"])))
            .ToHashSet();
        return wrapper.ModuleCalls
            .Where(call => !moves.Contains(($"${{module.{call.Name}}}", $"${{module.{wrapperCall}.module.{call.Name}}}")))
            .Select(call => $"{root.Name}: no moved {{ from = module.{call.Name}, to = module.{wrapperCall}.module.{call.Name} }}: its state would be destroyed and created again.")
            .ToList();
    }

    /// <summary>A moved block's addresses are not references to check.</summary>
    private static IEnumerable<string> ExpressionsOutsideMoved(JsonObject file) =>
        file.Where(pair => pair.Key != "moved").SelectMany(pair => Expressions(pair.Value));

    /// <summary>Every string in the file that holds an interpolation.</summary>
    private static IEnumerable<string> Expressions(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(pair => Expressions(pair.Value)),
        JsonArray array => array.SelectMany(Expressions),
        JsonValue value when value.TryGetValue(out string? text) && text.Contains("${", StringComparison.Ordinal) => [text],
        _ => [],
    };

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])var\.([A-Za-z0-9_]+)")]
    private static partial Regex VariableReference();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])local\.([A-Za-z0-9_]+)")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-:/])(data\.)?(aws_[a-z0-9_]+)\.([A-Za-z0-9_]+)")]
    private static partial Regex ResourceReference();

    [GeneratedRegex(@"(?<![A-Za-z0-9_.])module\.([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)")]
    private static partial Regex ModuleReference();
}
