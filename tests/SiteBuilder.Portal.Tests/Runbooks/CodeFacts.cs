using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using SiteBuilder.Observability.Metrics;
using SiteBuilder.Storage;
using YamlDotNet.RepresentationModel;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>A route of the app's endpoint table: its method and pattern (<c>/v1/sites/{tenantId}/generation</c>).</summary>
public sealed record AppRoute(string Method, string Pattern);

/// <summary>
/// What the code, the configuration file, Terraform and the workflows say is real, read from them (never listed by hand),
/// so the documentation rules compare the docs with the system as it is built today.
/// </summary>
public sealed partial class CodeFacts
{
    public required IReadOnlyList<AppRoute> Routes { get; init; }

    /// <summary>Every code of <see cref="ErrorCodes"/> with the HTTP statuses it is answered with.</summary>
    public required IReadOnlyDictionary<string, IReadOnlySet<int>> ErrorCodes { get; init; }

    /// <summary><c>appsettings.json</c> flattened: every key (sections too) → its value (null for a section or an empty array).</summary>
    public required IReadOnlyDictionary<string, string?> Settings { get; init; }

    /// <summary>Property names of the options classes (<c>*Options</c>), for keys the file leaves out (optional settings).</summary>
    public required IReadOnlySet<string> OptionProperties { get; init; }

    /// <summary>The OpenTelemetry instruments the code creates (<c>sitebuilder.*</c>).</summary>
    public required IReadOnlySet<string> Instruments { get; init; }

    /// <summary>The meters the code creates through <c>IMeterFactory</c>.</summary>
    public required IReadOnlySet<string> Meters { get; init; }

    /// <summary>The CloudWatch metric names the service publishes (namespace <c>SiteBuilder/{env}</c>).</summary>
    public required IReadOnlySet<string> CloudWatchMetrics { get; init; }

    /// <summary>The alarm ids of <c>terraform/modules/monitoring/alarms.json</c> with their runbook anchors.</summary>
    public required IReadOnlyDictionary<string, string> Alarms { get; init; }

    /// <summary>
    /// Every <c>site-builder-…</c> name Terraform and the code give a resource (tables, buckets, cluster, log group, alarms,
    /// dashboard), with the environment written <c>{env}</c>.
    /// </summary>
    public required IReadOnlySet<string> ResourceNames { get; init; }

    /// <summary>The tables and buckets as the code names them (<see cref="Storage.ResourceNames"/>), with <c>{env}</c>.</summary>
    public required IReadOnlySet<string> StorageNames { get; init; }

    /// <summary>Each workflow file of <c>.github/workflows</c> → its <c>workflow_dispatch</c> inputs (name → required).</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, bool>> Workflows { get; init; }

    public static CodeFacts Load(IEnumerable<AppRoute> routes)
    {
        var root = DocCorpus.Root;
        var alarms = ReadAlarms(Path.Combine(root, "terraform", "modules", "monitoring", "alarms.json"));
        var storage = global::SiteBuilder.Storage.ResourceNames.From(new SiteBuilderOptions { Environment = "{env}" }, new StorageOptions());
        var storageNames = new HashSet<string>(StringComparer.Ordinal) { storage.GenerationTable, storage.OperationsTable, storage.AssetsBucket, storage.SitesBucket };
        var (instruments, meters) = ReadInstrumentsAndMeters(Path.Combine(root, "src"));
        return new CodeFacts
        {
            Routes = routes.ToList(),
            ErrorCodes = ReadErrorCodes(),
            Settings = ReadSettings(Path.Combine(root, "appsettings.json")),
            OptionProperties = OptionPropertyNames(),
            Instruments = instruments,
            Meters = meters,
            CloudWatchMetrics = MetricCatalog.All.Select(m => m.Name).ToHashSet(StringComparer.Ordinal),
            Alarms = alarms,
            ResourceNames = ReadTerraformNames(Path.Combine(root, "terraform"), alarms.Keys).Concat(storageNames).ToHashSet(StringComparer.Ordinal),
            StorageNames = storageNames,
            Workflows = ReadWorkflows(Path.Combine(root, ".github", "workflows")),
        };
    }

    /// <summary>
    /// The statuses of each code: those <see cref="global::SiteBuilder.ErrorCodes.ForStatus"/> maps to it, and for the codes it
    /// cannot produce from a status, theirs from DESIGN §5 (409 for the operations' two, 500 for a failed generation).
    /// </summary>
    private static Dictionary<string, IReadOnlySet<int>> ReadErrorCodes()
    {
        var codes = typeof(global::SiteBuilder.ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();
        var statuses = codes.ToDictionary(c => c, _ => new HashSet<int>(), StringComparer.Ordinal);
        foreach (var status in Enumerable.Range(400, 200))
        {
            statuses[global::SiteBuilder.ErrorCodes.ForStatus(status)].Add(status);
        }

        statuses[global::SiteBuilder.ErrorCodes.GateNotMet].Add(409);
        statuses[global::SiteBuilder.ErrorCodes.Conflict].Add(409);
        statuses[global::SiteBuilder.ErrorCodes.GenerationFailed].Add(500);
        return statuses.ToDictionary(s => s.Key, s => (IReadOnlySet<int>)s.Value, StringComparer.Ordinal);
    }

    private static Dictionary<string, string?> ReadSettings(string path)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        Flatten(json.RootElement, "");
        return settings;

        void Flatten(JsonElement element, string prefix)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    if (prefix.Length > 0)
                    {
                        settings[prefix] = null;
                    }

                    foreach (var property in element.EnumerateObject())
                    {
                        Flatten(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}:{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    settings[prefix] = null;
                    var i = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Flatten(item, $"{prefix}:{i++}");
                    }

                    break;
                case JsonValueKind.Null:
                    settings[prefix] = null;
                    break;
                default:
                    settings[prefix] = element.ToString();
                    break;
            }
        }
    }

    /// <summary>The properties of every <c>*Options</c> class and of the SiteBuilder types they hold (lists and dictionaries too).</summary>
    private static HashSet<string> OptionPropertyNames()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(SiteBuilderTypes().Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal)));
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                names.Add(property.Name);
                foreach (var held in property.PropertyType.GetGenericArguments().Append(property.PropertyType.GetElementType() ?? property.PropertyType))
                {
                    if (held.Namespace?.StartsWith("SiteBuilder", StringComparison.Ordinal) == true)
                    {
                        pending.Enqueue(held);
                    }
                }
            }
        }

        return names;
    }

    private static IEnumerable<Type> SiteBuilderTypes() =>
        Directory.EnumerateFiles(AppContext.BaseDirectory, "SiteBuilder.*.dll")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(name => !name!.Contains("Tests", StringComparison.Ordinal) && !name.Contains("Testing", StringComparison.Ordinal) && !name.Contains("TestSupport", StringComparison.Ordinal))
            .Select(name => Assembly.Load(new AssemblyName(name!)))
            .SelectMany(a => a.GetTypes());

    /// <summary>
    /// The instruments and meters as the source creates them: <c>meter.Create…&lt;T&gt;(name, …)</c> and
    /// <c>meters.Create(name)</c>, where name is a literal or a constant (read from the built assemblies).
    /// </summary>
    private static (HashSet<string> Instruments, HashSet<string> Meters) ReadInstrumentsAndMeters(string src)
    {
        var constants = SiteBuilderTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (Key: $"{t.Name}.{f.Name}", Value: (string)f.GetRawConstantValue()!)))
            .GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);
        var instruments = new HashSet<string>(StringComparer.Ordinal);
        var meters = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            var type = Path.GetFileNameWithoutExtension(file);
            foreach (Match m in InstrumentCreation().Matches(text))
            {
                instruments.Add(Resolve(m.Groups["arg"].Value, type, file));
            }

            if (text.Contains("IMeterFactory", StringComparison.Ordinal))
            {
                foreach (Match m in MeterCreation().Matches(text))
                {
                    meters.Add(Resolve(m.Groups["arg"].Value, type, file));
                }
            }
        }

        return (instruments, meters);

        string Resolve(string arg, string type, string file)
        {
            if (arg.StartsWith('"'))
            {
                return arg.Trim('"');
            }

            var parts = arg.Split('.');
            var key = parts.Length == 1 ? $"{type}.{arg}" : $"{parts[^2]}.{parts[^1]}";
            return constants.TryGetValue(key, out var value)
                ? value
                : throw new InvalidOperationException($"{file}: cannot read the name '{arg}' of an instrument or meter (a literal or a constant is expected).");
        }
    }

    private static Dictionary<string, string> ReadAlarms(string path)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("alarms").EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => a.GetProperty("runbook").GetString()!, StringComparer.Ordinal);
    }

    /// <summary>Every string literal of the <c>.tf</c> files that names a <c>site-builder-…</c> resource, the environment as <c>{env}</c>.</summary>
    private static IEnumerable<string> ReadTerraformNames(string terraform, IEnumerable<string> alarmIds)
    {
        foreach (var file in Directory.EnumerateFiles(terraform, "*.tf", SearchOption.AllDirectories).Where(f => !f.Contains("/.terraform/", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            // Modules name things after a local (name = "site-builder-${var.environment}", then "${local.name}-alb").
            foreach (Match local in TerraformLocal().Matches(text))
            {
                text = text.Replace("${local." + local.Groups["name"].Value + "}", local.Groups["value"].Value, StringComparison.Ordinal);
            }

            foreach (Match m in TerraformName().Matches(text))
            {
                var name = m.Value.Replace("${var.environment}", "{env}", StringComparison.Ordinal)
                    .Replace("${var.bucket_name_suffix}", "", StringComparison.Ordinal);
                if (name.Contains("${each.key}", StringComparison.Ordinal))
                {
                    foreach (var id in alarmIds)
                    {
                        yield return name.Replace("${each.key}", id, StringComparison.Ordinal);
                    }
                }
                else if (!name.Contains("${", StringComparison.Ordinal))
                {
                    yield return EnvironmentNeutral(name);
                }
            }
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, bool>> ReadWorkflows(string folder)
    {
        var workflows = new Dictionary<string, IReadOnlyDictionary<string, bool>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.yml"))
        {
            var yaml = new YamlStream();
            using (var reader = new StreamReader(file))
            {
                yaml.Load(reader);
            }

            var inputs = new Dictionary<string, bool>(StringComparer.Ordinal);
            var root = (YamlMappingNode)yaml.Documents[0].RootNode;
            if (root.Children.TryGetValue(new YamlScalarNode("on"), out var on) && on is YamlMappingNode triggers
                && triggers.Children.TryGetValue(new YamlScalarNode("workflow_dispatch"), out var dispatch) && dispatch is YamlMappingNode dispatchNode
                && dispatchNode.Children.TryGetValue(new YamlScalarNode("inputs"), out var declared) && declared is YamlMappingNode declaredInputs)
            {
                foreach (var (key, value) in declaredInputs.Children)
                {
                    var required = value is YamlMappingNode input && input.Children.TryGetValue(new YamlScalarNode("required"), out var r) && r.ToString() == "true";
                    inputs[key.ToString()] = required;
                }
            }

            workflows[Path.GetFileName(file)] = inputs;
        }

        return workflows;
    }

    /// <summary><c>site-builder-generation-prod</c> → <c>site-builder-generation-{env}</c>.</summary>
    public static string EnvironmentNeutral(string name) => EnvironmentSuffix().Replace(name, "-{env}");

    [GeneratedRegex(@"\bCreate(?:Counter|Histogram|UpDownCounter|Gauge|ObservableCounter|ObservableGauge|ObservableUpDownCounter)\s*<[^>]+>\s*\(\s*(?<arg>""[^""]+""|[A-Za-z_][\w.]*)")]
    private static partial Regex InstrumentCreation();

    [GeneratedRegex(@"\bmeters?\.Create\(\s*(?<arg>""[^""]+""|[A-Za-z_][\w.]*)\s*[,)]", RegexOptions.IgnoreCase)]
    private static partial Regex MeterCreation();

    [GeneratedRegex(@"(?<=""[^""\n]*)site-builder-[^""\s]*(?="")")]
    private static partial Regex TerraformName();

    [GeneratedRegex(@"^\s*(?<name>[a-z_]+)\s*=\s*""(?<value>site-builder-[^""\s]*)""", RegexOptions.Multiline)]
    private static partial Regex TerraformLocal();

    [GeneratedRegex(@"-(?:dev|sit|prod)(?=$|[^a-z0-9])")]
    private static partial Regex EnvironmentSuffix();
}
