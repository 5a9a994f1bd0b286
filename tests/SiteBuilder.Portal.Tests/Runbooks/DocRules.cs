using System.Text.RegularExpressions;
using SiteBuilder.Portal.Cli;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>
/// The accuracy rules of the documentation (the seed's Gate 5): each reads one document and answers the lines that name
/// something the system does not have, as <c>path:line: what is wrong</c>. They are pure, so a test can prove each one
/// fails on a wrong line.
/// </summary>
public static partial class DocRules
{
    // ---------------------------------------------------------------- routes

    /// <summary>Every <c>METHOD /path</c> a document writes, every <c>/v1/…</c> in code, and every curl call at the portal is a route of the app.</summary>
    public static IEnumerable<string> Routes(DocFile doc, CodeFacts facts)
    {
        var variables = UrlVariables(doc);
        foreach (var (line, text) in doc.TextAndCommands())
        {
            foreach (Match m in MethodAndPath().Matches(text))
            {
                var path = m.Groups["path"].Value.TrimEnd('.', ',', ';', ':');
                // GitHub's REST API (the engine's calls) is not the portal's.
                if (path.Contains('…') || path.Contains("...", StringComparison.Ordinal) || path == "/" || path.StartsWith("/repos/", StringComparison.Ordinal))
                {
                    continue;
                }

                var method = m.Groups["method"].Value;
                if (!HasRoute(facts, method, path) && !(doc.Path.EndsWith("api_documentation.md", StringComparison.Ordinal) && HasRoute(facts, method, "/v1" + path)))
                {
                    yield return $"{doc.Path}:{line}: {method} {path} is not a route of the app.";
                }
            }

            foreach (var span in DocText.CodeSpans(text).Where(s => s.StartsWith("/v1/", StringComparison.Ordinal) && !s.Contains(' ') && !s.Contains('…')))
            {
                // A path on its own names a route or an area of routes (`/v1/ops`), and may list alternatives (`logo|theme`).
                var path = span.Split('?', '#')[0];
                if (!Alternatives(path).All(p => HasRoute(facts, null, p) || facts.Routes.Any(r => r.Pattern.StartsWith(p.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase))))
                {
                    yield return $"{doc.Path}:{line}: {path} is not a route of the app.";
                }
            }

            foreach (var call in CurlCalls(text, variables))
            {
                if (!HasRoute(facts, call.Method, call.Path))
                {
                    yield return $"{doc.Path}:{line}: curl {call.Method} {call.Path} calls no route of the app.";
                }
            }
        }
    }

    private static IEnumerable<string> Alternatives(string path)
    {
        var segments = path.Split('/');
        var choice = Array.FindIndex(segments, s => s.Contains('|'));
        return choice < 0
            ? [path]
            : segments[choice].Split('|').SelectMany(option => Alternatives(string.Join('/', segments.Take(choice).Append(option).Concat(segments.Skip(choice + 1)))));
    }

    public static bool HasRoute(CodeFacts facts, string? method, string path)
    {
        var segments = Segments(path.Split('?', '#')[0]);
        // The static-file fallback ({**path:file}) would match anything: a document names routes, not files.
        return facts.Routes.Where(r => !r.Pattern.TrimStart('/').StartsWith("{*", StringComparison.Ordinal)).Any(r => (method is null || r.Method == method || (method == "HEAD" && r.Method == "GET")) && Matches(Segments(r.Pattern), segments));
    }

    private static bool Matches(IReadOnlyList<string> pattern, IReadOnlyList<string> path)
    {
        for (var i = 0; i < pattern.Count; i++)
        {
            var p = pattern[i];
            if (p.StartsWith("{*", StringComparison.Ordinal))
            {
                return true;
            }

            if (i >= path.Count)
            {
                return p.EndsWith("?}", StringComparison.Ordinal);
            }

            var isParameter = p.StartsWith('{');
            var isPlaceholder = path[i].Contains('$') || path[i].Contains('{') || path[i].Contains('<');
            if (!isParameter && (isPlaceholder || !string.Equals(p, path[i], StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }
        }

        return pattern.Count == path.Count;
    }

    private static List<string> Segments(string path) => [.. path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries)];

    private sealed record CurlCall(string Method, string Path);

    /// <summary>The shell variables a document sets to an address of the portal (<c>API={api_url}/v1/ops</c>), with the usual ones.</summary>
    private static Dictionary<string, string> UrlVariables(DocFile doc)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["API"] = "/v1/ops", ["BASE_URL"] = "/v1" };
        foreach (var (_, command) in doc.Blocks.Where(b => b.IsShell).SelectMany(b => b.Commands()))
        {
            if (UrlAssignment().Match(command) is { Success: true } m && PortalPath(m.Groups["value"].Value.Trim('"'), variables) is { } path)
            {
                variables[m.Groups["name"].Value] = path;
            }
        }

        return variables;
    }

    private static IEnumerable<CurlCall> CurlCalls(string text, IReadOnlyDictionary<string, string> variables)
    {
        foreach (Match m in Curl().Matches(text))
        {
            var words = DocText.ShellWords(text[(m.Index + m.Length)..]);
            string? method = null;
            var sendsData = false;
            string? url = null;
            for (var i = 0; i < words.Count; i++)
            {
                var word = words[i];
                switch (word)
                {
                    case "-X" or "--request" when i + 1 < words.Count:
                        method = words[++i];
                        continue;
                    case "-d" or "--data" or "--data-binary" or "--data-raw" or "--data-urlencode" or "-F" or "--form" or "--json" or "-T":
                        sendsData = true;
                        i++;
                        continue;
                    case "-I" or "--head":
                        method = "HEAD";
                        continue;
                    case "-H" or "-o" or "-D" or "-w" or "-u" or "--max-time" or "-m" or "--header" or "--output" or "--dump-header" or "--write-out":
                        i++;
                        continue;
                }

                url ??= PortalPath(word, variables);
            }

            if (url is not null)
            {
                yield return new CurlCall(method ?? (sendsData ? "POST" : "GET"), url);
            }
        }
    }

    /// <summary>The path on the portal an address of a document stands for, or null when it is not the portal's.</summary>
    private static string? PortalPath(string word, IReadOnlyDictionary<string, string> variables)
    {
        foreach (var prefix in new[] { "{api_url}", "http://127.0.0.1:5080", "http://localhost:5080" })
        {
            if (word.StartsWith(prefix, StringComparison.Ordinal))
            {
                return Clean(word[prefix.Length..]);
            }
        }

        if (VariablePrefix().Match(word) is { Success: true } v && variables.TryGetValue(v.Groups["name"].Value, out var path))
        {
            return Clean(path + word[v.Length..]);
        }

        return null;

        static string Clean(string path) => path.Split('?', '#')[0] is { Length: > 0 } p ? p : "/";
    }

    // ---------------------------------------------------------------- error codes and statuses

    /// <summary>Every error code a document writes is one of <see cref="ErrorCodes"/>, with its status.</summary>
    public static IEnumerable<string> ErrorCodes(DocFile doc, CodeFacts facts)
    {
        foreach (var (line, text) in doc.Prose)
        {
            foreach (Match m in StatusAndCode().Matches(text))
            {
                var (status, code) = (int.Parse(m.Groups["status"].Value, System.Globalization.CultureInfo.InvariantCulture), m.Groups["code"].Value);
                if (!facts.ErrorCodes.TryGetValue(code, out var expected))
                {
                    if (LooksLikeAnErrorCode(code))
                    {
                        yield return $"{doc.Path}:{line}: {status} {code}: {code} is not an error code of the API ({string.Join(", ", facts.ErrorCodes.Keys)}).";
                    }
                }
                else if (!expected.Contains(status))
                {
                    yield return $"{doc.Path}:{line}: {code} is answered with {string.Join(" or ", expected)}, not {status}.";
                }
            }

            foreach (Match m in CodeMember().Matches(text))
            {
                if (!facts.ErrorCodes.ContainsKey(m.Groups["code"].Value))
                {
                    yield return $"{doc.Path}:{line}: `code` {m.Groups["code"].Value} is not an error code of the API.";
                }
            }
        }

        foreach (var table in doc.Tables)
        {
            var codeColumn = table.Header.ToList().FindIndex(h => h.Trim('`', ' ', '*').Equals("code", StringComparison.OrdinalIgnoreCase) || h.Contains("error code", StringComparison.OrdinalIgnoreCase));
            var statusColumn = table.Column("status");
            if (codeColumn < 0)
            {
                continue;
            }

            foreach (var (line, cells) in table.Rows)
            {
                var cell = cells.ElementAtOrDefault(codeColumn) ?? "";
                var written = DocText.CodeSpans(cell).DefaultIfEmpty(cell.Trim('*', ' '));
                foreach (var code in written.Where(s => s.Length >= 3 && s.All(c => char.IsUpper(c) || c == '_')))
                {
                    if (!facts.ErrorCodes.TryGetValue(code, out var expected))
                    {
                        yield return $"{doc.Path}:{line}: {code} is not an error code of the API.";
                    }
                    else if (statusColumn >= 0 && int.TryParse(cells.ElementAtOrDefault(statusColumn)?.Trim('`', ' '), out var status) && !expected.Contains(status))
                    {
                        yield return $"{doc.Path}:{line}: {code} is answered with {string.Join(" or ", expected)}, not {status}.";
                    }
                }
            }
        }

        foreach (var block in doc.Blocks)
        {
            foreach (Match m in JsonCode().Matches(block.Code))
            {
                if (!facts.ErrorCodes.ContainsKey(m.Groups["code"].Value))
                {
                    yield return $"{block}: \"code\": \"{m.Groups["code"].Value}\" is not an error code of the API.";
                }
            }
        }
    }

    private static bool LooksLikeAnErrorCode(string word) => word.Length >= 5 && word.All(c => char.IsUpper(c) || c == '_') && (word.Contains('_') || word is "CONFLICT" or "FORBIDDEN" or "UNAUTHORIZED");

    // ---------------------------------------------------------------- configuration and rate limits

    /// <summary>Every <c>SiteBuilder:…</c> key (or <c>SiteBuilder__…</c> variable) a document writes is a setting the app reads.</summary>
    public static IEnumerable<string> ConfigKeys(DocFile doc, CodeFacts facts)
    {
        foreach (var (line, text) in doc.TextAndCommands())
        {
            var keys = ConfigKey().Matches(text).Select(m => m.Value)
                .Concat(EnvironmentKey().Matches(text).Select(m => m.Value.Replace("__", ":", StringComparison.Ordinal)));
            foreach (var written in keys)
            {
                foreach (var key in Expand(written.TrimEnd(':', '.', ',')))
                {
                    if (!IsSetting(facts, key))
                    {
                        yield return $"{doc.Path}:{line}: {written} is not a setting of appsettings.json or an options class.";
                    }
                }
            }

            foreach (Match limit in RateLimit().Matches(text))
            {
                foreach (Match key in RateLimitKey().Matches(text))
                {
                    var configured = facts.Settings.GetValueOrDefault(key.Value);
                    if (configured != limit.Groups["count"].Value)
                    {
                        yield return $"{doc.Path}:{line}: {limit.Value} for {key.Value}, but appsettings.json sets {configured ?? "nothing"}.";
                    }

                    if (facts.Settings.GetValueOrDefault("SiteBuilder:RateLimits:WindowSeconds") != "60")
                    {
                        yield return $"{doc.Path}:{line}: a limit per minute, but SiteBuilder:RateLimits:WindowSeconds is not 60.";
                    }
                }
            }
        }
    }

    /// <summary><c>A:{dev,sit,prod}:B</c> → three keys; <c>{env}</c> → dev.</summary>
    private static IEnumerable<string> Expand(string key)
    {
        var choice = Choice().Match(key);
        if (!choice.Success)
        {
            return [key.Replace("{env}", "dev", StringComparison.Ordinal)];
        }

        return choice.Groups["options"].Value.Split(',')
            .SelectMany(option => Expand(key[..choice.Index] + (option == "env" ? "dev" : option) + key[(choice.Index + choice.Length)..]));
    }

    private static bool IsSetting(CodeFacts facts, string key)
    {
        if (facts.Settings.ContainsKey(key))
        {
            return true;
        }

        // The file leaves optional settings out: a key is real when its section is in the file and the rest are properties
        // of an options class (or indexes into a list the file leaves empty).
        var parts = key.Split(':');
        var known = parts.Length - 1;
        while (known > 1 && !facts.Settings.ContainsKey(string.Join(':', parts[..known])))
        {
            known--;
        }

        var section = string.Join(':', parts[..known]);
        if (!facts.Settings.TryGetValue(section, out var value) || value is not null)
        {
            return false;
        }

        return parts[known..].All(p => p.All(char.IsDigit) || facts.OptionProperties.Contains(p));
    }

    // ---------------------------------------------------------------- metrics, alarms, resource names

    /// <summary>
    /// Every OpenTelemetry instrument and meter a document names is created by the code; every CloudWatch metric it queries is
    /// one the service publishes; every alarm it lists is in alarms.json; every <c>site-builder-…</c> name is one Terraform
    /// or the code gives a resource.
    /// </summary>
    public static IEnumerable<string> Observability(DocFile doc, CodeFacts facts)
    {
        foreach (var (line, text) in doc.TextAndCommands())
        {
            foreach (Match m in Instrument().Matches(text))
            {
                if (!facts.Instruments.Contains(m.Value))
                {
                    yield return $"{doc.Path}:{line}: instrument {m.Value} is not created by the code ({string.Join(", ", facts.Instruments.Order())}).";
                }
            }

            foreach (var meter in MeterMention().Matches(text).SelectMany(m => m.Groups["meters"].Value.Split(',')))
            {
                if (!facts.Meters.Contains(meter))
                {
                    yield return $"{doc.Path}:{line}: meter {meter} is not created by the code ({string.Join(", ", facts.Meters.Order())}).";
                }
            }

            if (!text.Contains("AWS/", StringComparison.Ordinal))
            {
                foreach (var metric in CloudWatchMetricUses().Matches(text).Select(m => m.Groups["name"].Value))
                {
                    if (!facts.CloudWatchMetrics.Contains(metric))
                    {
                        yield return $"{doc.Path}:{line}: metric {metric} is not published by the service ({string.Join(", ", facts.CloudWatchMetrics.Order())}).";
                    }
                }
            }

            foreach (Match m in ResourceName().Matches(text))
            {
                var name = CodeFacts.EnvironmentNeutral(m.Value);
                var known = name.EndsWith('-') ? facts.ResourceNames.Any(r => r.StartsWith(name, StringComparison.Ordinal)) : facts.ResourceNames.Contains(name);
                if (!known)
                {
                    yield return $"{doc.Path}:{line}: {m.Value} is not a name Terraform or the code gives a resource.";
                }
            }
        }

        foreach (var table in doc.Tables)
        {
            var metricColumn = table.Header.ToList().FindIndex(h => h.Trim().Equals("metric", StringComparison.OrdinalIgnoreCase) || h.Trim().Equals("CloudWatch metric", StringComparison.OrdinalIgnoreCase));
            var alarmColumn = table.Header.ToList().FindIndex(h => h.Trim().Equals("alarm", StringComparison.OrdinalIgnoreCase) || h.Trim().Equals("alarm id", StringComparison.OrdinalIgnoreCase));
            var meterColumn = table.Header.ToList().FindIndex(h => h.Trim().Equals("meter", StringComparison.OrdinalIgnoreCase));
            foreach (var (line, cells) in table.Rows)
            {
                foreach (var metric in Spans(cells, metricColumn).SelectMany(s => Identifier().Matches(s).Select(m => m.Value)))
                {
                    if (!facts.CloudWatchMetrics.Contains(metric))
                    {
                        yield return $"{doc.Path}:{line}: metric {metric} is not published by the service.";
                    }
                }

                foreach (var alarm in Spans(cells, alarmColumn).Where(s => AlarmId().IsMatch(s)))
                {
                    if (!facts.Alarms.ContainsKey(alarm))
                    {
                        yield return $"{doc.Path}:{line}: alarm {alarm} is not in terraform/modules/monitoring/alarms.json.";
                    }
                }

                foreach (var meter in Spans(cells, meterColumn))
                {
                    if (!facts.Meters.Contains(meter))
                    {
                        yield return $"{doc.Path}:{line}: meter {meter} is not created by the code.";
                    }
                }
            }
        }
    }

    private static IEnumerable<string> Spans(IReadOnlyList<string> cells, int column) =>
        column < 0 || column >= cells.Count ? [] : DocText.CodeSpans(cells[column]);

    /// <summary>The API documentation's metrics section names every instrument and meter the code creates.</summary>
    public static IEnumerable<string> MetricsSectionIsComplete(DocFile doc, CodeFacts facts, string heading = "### Metrics")
    {
        var lines = doc.Markdown.Split('\n');
        var start = Array.FindIndex(lines, l => l.Trim() == heading);
        if (start < 0)
        {
            yield return $"{doc.Path}: has no \"{heading}\" section.";
            yield break;
        }

        var level = heading.TakeWhile(c => c == '#').Count();
        var end = Array.FindIndex(lines, start + 1, l => l.StartsWith('#') && l.TakeWhile(c => c == '#').Count() <= level && l.Length > level && l[level] == ' ');
        var section = string.Join('\n', lines[start..(end < 0 ? lines.Length : end)]);
        foreach (var name in facts.Instruments.Concat(facts.Meters).Order(StringComparer.Ordinal))
        {
            if (!Regex.IsMatch(section, $@"`{Regex.Escape(name)}`"))
            {
                yield return $"{doc.Path}:{start + 1}: the metrics section does not name `{name}`, which the code creates.";
            }
        }
    }

    // ---------------------------------------------------------------- workflows

    /// <summary>Every workflow a document names is in <c>.github/workflows</c>, every input it passes or lists is one of its inputs, and a dispatch passes every required one.</summary>
    public static IEnumerable<string> Workflows(DocFile doc, CodeFacts facts)
    {
        foreach (var (line, text) in doc.TextAndCommands())
        {
            var named = WorkflowFile().Matches(text).Select(m => m.Groups["file"].Value).Distinct().ToList();
            foreach (var file in named.Where(f => !facts.Workflows.ContainsKey(f)))
            {
                yield return $"{doc.Path}:{line}: workflow {file} is not in .github/workflows ({string.Join(", ", facts.Workflows.Keys.Order())}).";
            }

            var workflow = named.Count == 1 && facts.Workflows.TryGetValue(named[0], out var inputs) ? (File: named[0], Inputs: inputs) : default;
            if (workflow.Inputs is null)
            {
                continue;
            }

            var given = InputFlag().Matches(text).Select(m => m.Groups["input"].Value).ToList();
            foreach (var input in given.Where(i => !workflow.Inputs.ContainsKey(i)))
            {
                yield return $"{doc.Path}:{line}: {workflow.File} has no input {input} ({string.Join(", ", workflow.Inputs.Keys)}).";
            }

            if (DispatchCommand().IsMatch(text))
            {
                foreach (var missing in workflow.Inputs.Where(i => i.Value && !given.Contains(i.Key)).Select(i => i.Key))
                {
                    yield return $"{doc.Path}:{line}: gh workflow run {workflow.File} leaves out its required input {missing}.";
                }
            }
        }

        foreach (var table in doc.Tables)
        {
            var inputColumn = table.Column("input");
            if (inputColumn < 0)
            {
                continue;
            }

            foreach (var (line, cells) in table.Rows)
            {
                var file = cells.SelectMany(c => WorkflowFile().Matches(c).Select(m => m.Groups["file"].Value)).FirstOrDefault();
                if (file is null || !facts.Workflows.TryGetValue(file, out var inputs))
                {
                    continue;
                }

                foreach (var input in Spans(cells, inputColumn).Where(s => !inputs.ContainsKey(s)))
                {
                    yield return $"{doc.Path}:{line}: {file} has no input {input} ({string.Join(", ", inputs.Keys)}).";
                }

                foreach (var missing in inputs.Keys.Where(i => !Spans(cells, inputColumn).Contains(i)))
                {
                    yield return $"{doc.Path}:{line}: the inputs of {file} leave out {missing}.";
                }
            }
        }
    }

    // ---------------------------------------------------------------- the portal's CLI

    /// <summary>Every <c>dotnet run --project src/SiteBuilder.Portal -- …</c> a document shows parses with the CLI's own parser.</summary>
    public static IEnumerable<string> CliCommands(DocFile doc)
    {
        var lines = doc.Prose.SelectMany(p => DocText.CodeSpans(p.Text).Select(s => (p.Line, Text: s)))
            .Concat(doc.Blocks.Where(b => b.IsShell).SelectMany(b => b.Commands()));
        foreach (var (line, text) in lines)
        {
            foreach (Match m in PortalRun().Matches(text))
            {
                var words = DocText.ShellWords(text[(m.Index + m.Length)..]);
                var separator = words.IndexOf("--");
                var before = separator < 0 ? words : words[..separator];
                if (before.Count > 0 && !(before is ["-c", "Release" or "Debug"]))
                {
                    yield return $"{doc.Path}:{line}: dotnet run {string.Join(' ', before)}: only -c CONFIGURATION goes before --.";
                }

                var args = separator < 0 ? [] : words[(separator + 1)..];
                if (args.Count == 0 || args[0] == "--urls")
                {
                    continue;
                }

                var arguments = args.ToArray();
                if (!AdminCli.IsCommand(arguments))
                {
                    yield return $"{doc.Path}:{line}: '{string.Join(' ', args)}' is not a command of the portal's CLI.";
                }
                else if (arguments[0] is not ("help" or "--help") && CliArguments.Parse(arguments).Error is { } error)
                {
                    yield return $"{doc.Path}:{line}: '{string.Join(' ', args)}' does not parse: {error}";
                }
            }
        }
    }

    // ---------------------------------------------------------------- blocks marked for the walk-through

    /// <summary>Every word after a shell block's language is a known need, and a block that calls aws, az, gh, terraform or docker says it needs them.</summary>
    public static IEnumerable<string> BlockTags(DocFile doc)
    {
        foreach (var block in doc.Blocks.Where(b => b.IsShell))
        {
            foreach (var tag in block.Tags.Where(t => !BlockNeeds.Known.Contains(t)))
            {
                yield return $"{block}: unknown tag '{tag}' (known: {string.Join(", ", BlockNeeds.Known)}).";
            }

            foreach (var (line, command) in block.Commands())
            {
                if (CloudTool().Match(command) is { Success: true } tool)
                {
                    var need = tool.Groups["tool"].Value switch { "gh" => BlockNeeds.GitHub, "az" => BlockNeeds.Azure, _ => BlockNeeds.Aws };
                    if (!block.Tags.Contains(need))
                    {
                        yield return $"{doc.Path}:{line}: calls {tool.Groups["tool"].Value}: fence the block as ```{block.Language} {need}.";
                    }
                }

                if (RepoScript().IsMatch(command) && !block.Tags.Contains(BlockNeeds.Repo))
                {
                    yield return $"{doc.Path}:{line}: runs the repository's scripts: fence the block as ```{block.Language} {BlockNeeds.Repo}.";
                }
            }
        }
    }

    [GeneratedRegex(@"\b(?<method>GET|POST|PUT|PATCH|DELETE|HEAD)\s+`?(?<path>/[A-Za-z0-9_{}\-./…:$]*)")]
    private static partial Regex MethodAndPath();

    [GeneratedRegex(@"(?<![\w-])curl\b")]
    private static partial Regex Curl();

    [GeneratedRegex(@"^(?:export\s+)?(?<name>[A-Z_][A-Z0-9_]*)=(?<value>\S+)$")]
    private static partial Regex UrlAssignment();

    [GeneratedRegex(@"^\$\{?(?<name>[A-Z_][A-Z0-9_]*)\}?")]
    private static partial Regex VariablePrefix();

    [GeneratedRegex(@"\b(?<status>[45]\d\d)\b[\s`|*(]*(?<code>[A-Z][A-Z_]{2,}[A-Z])\b")]
    private static partial Regex StatusAndCode();

    [GeneratedRegex(@"`code`\s+`(?<code>[A-Z][A-Z_]+)`")]
    private static partial Regex CodeMember();

    [GeneratedRegex(@"""code""\s*:\s*""(?<code>[A-Z][A-Z_]+)""")]
    private static partial Regex JsonCode();

    [GeneratedRegex(@"\bSiteBuilder(?::[A-Za-z0-9_{},]+)+")]
    private static partial Regex ConfigKey();

    [GeneratedRegex(@"\bSiteBuilder__[A-Za-z0-9_]+")]
    private static partial Regex EnvironmentKey();

    [GeneratedRegex(@"\{(?<options>[A-Za-z]+(?:,[A-Za-z]+)*)\}")]
    private static partial Regex Choice();

    [GeneratedRegex(@"\b(?<count>\d+)\s*(?:req|requests)\s*(?:/|per\s+)\s*min(?:ute)?\b")]
    private static partial Regex RateLimit();

    [GeneratedRegex(@"SiteBuilder:RateLimits:(?:Generation|Agents|Validation|[A-Z][a-z]+)\b")]
    private static partial Regex RateLimitKey();

    [GeneratedRegex(@"\bsitebuilder\.(?!db\b|example\b)[a-z_]+(?:\.[a-z0-9_]+)+")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"(?:\bmeters?\b[^.`]{0,12}`|--counters\s+)(?<meters>SiteBuilder\.[A-Z][A-Za-z]+(?:,SiteBuilder\.[A-Z][A-Za-z]+)*)")]
    private static partial Regex MeterMention();

    [GeneratedRegex(@"(?:(?<![\w-])metric\s+|MetricName\\?""\s*:\s*\\?""|ispresent\(|(?:sum|avg|max|min|count)\()(?<name>[A-Z][A-Za-z0-9]+)\b")]
    private static partial Regex CloudWatchMetricUses();

    [GeneratedRegex(@"site-builder(?:-[a-z0-9]+|-\{[a-z_]+\})+-?")]
    private static partial Regex ResourceName();

    [GeneratedRegex(@"\b[A-Z][A-Za-z0-9]+\b")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^[a-z0-9]+(-[a-z0-9]+)+$")]
    private static partial Regex AlarmId();

    [GeneratedRegex(@"(?<file>[a-z0-9][a-z0-9-]*\.yml)\b")]
    private static partial Regex WorkflowFile();

    [GeneratedRegex(@"(?<![\w-])-f\s+(?<input>[a-z_][a-z0-9_]*)=")]
    private static partial Regex InputFlag();

    [GeneratedRegex(@"\bgh\s+workflow\s+run\b")]
    private static partial Regex DispatchCommand();

    [GeneratedRegex(@"\bdotnet\s+run\s+--project\s+src/SiteBuilder\.Portal\b")]
    private static partial Regex PortalRun();

    [GeneratedRegex(@"(?:^|[\s;&|(`$])(?<tool>aws|az|gh|terraform|docker)\s+[a-z]")]
    private static partial Regex CloudTool();

    [GeneratedRegex(@"(?:^|\s)scripts/[a-z]+\.sh\b")]
    private static partial Regex RepoScript();
}
