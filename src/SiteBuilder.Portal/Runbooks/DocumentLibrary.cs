namespace SiteBuilder.Portal.Runbooks;

public enum DocumentKind { Runbook, Documentation }

/// <summary>One Markdown document of <c>docs/</c>, as the portal serves it.</summary>
/// <param name="Path">Relative to the docs folder, with forward slashes: <c>runbooks/rollback_runbook.md</c>.</param>
/// <param name="Route">Where the portal shows it: <c>/runbooks/rollback</c> or <c>/runbooks/docs/architecture</c>.</param>
public sealed record RunbookDocument(string Path, string Route, DocumentKind Kind, string Title, string Summary, string Markdown);

/// <summary>
/// The documents the portal renders: the runbooks in <c>docs/runbooks/</c> and every other Markdown file of <c>docs/</c>
/// (the API documentation, architecture, …), shipped next to the binaries and read once at start.
/// </summary>
/// <remarks>
/// Runbooks live at <c>/runbooks/{name}</c> (the file name without <c>_runbook</c>, so alarms can link to
/// <c>/runbooks/troubleshooting#…</c>); other documents at <c>/runbooks/docs/{name}</c>, so the two never collide
/// (<c>deployment_runbook.md</c> and <c>deployment.md</c>).
/// </remarks>
public sealed partial class DocumentLibrary
{
    public const string RoutePrefix = "/runbooks";
    public const string FilesPrefix = "/runbooks/files";

    private readonly Dictionary<string, RunbookDocument> _byRoute;
    private readonly Dictionary<string, RunbookDocument> _byPath;

    public DocumentLibrary(string folder)
    {
        Folder = System.IO.Path.GetFullPath(folder);
        var documents = Directory.Exists(Folder)
            ? Directory.EnumerateFiles(Folder, "*.md", SearchOption.AllDirectories).Select(Load).ToList()
            : [];
        Documents = documents
            .OrderBy(d => d.Kind)
            .ThenBy(d => d.Kind == DocumentKind.Runbook ? RunbookOrder(d.Path) : 0)
            .ThenBy(d => d.Title, StringComparer.OrdinalIgnoreCase)
            .ToList();
        _byRoute = Documents.ToDictionary(d => d.Route, StringComparer.OrdinalIgnoreCase);
        _byPath = Documents.ToDictionary(d => d.Path, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The docs folder, absolute.</summary>
    public string Folder { get; }

    public IReadOnlyList<RunbookDocument> Documents { get; }

    public RunbookDocument? FindByRoute(string route) => _byRoute.GetValueOrDefault(route.TrimEnd('/'));

    public RunbookDocument? FindByPath(string path) => _byPath.GetValueOrDefault(path);

    /// <summary>The route of a document for its path relative to the docs folder.</summary>
    public static string RouteFor(string path)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(path);
        var inRunbooks = path.StartsWith("runbooks/", StringComparison.OrdinalIgnoreCase);
        if (inRunbooks && name.EndsWith("_runbook", StringComparison.OrdinalIgnoreCase))
        {
            name = name[..^"_runbook".Length];
        }

        var slug = name.Replace('_', '-').ToLowerInvariant();
        return inRunbooks ? $"{RoutePrefix}/{slug}" : $"{RoutePrefix}/docs/{slug}";
    }

    private RunbookDocument Load(string file)
    {
        var path = System.IO.Path.GetRelativePath(Folder, file).Replace('\\', '/');
        var markdown = File.ReadAllText(file);
        var kind = path.StartsWith("runbooks/", StringComparison.OrdinalIgnoreCase) ? DocumentKind.Runbook : DocumentKind.Documentation;
        return new RunbookDocument(path, RouteFor(path), kind, TitleOf(markdown, path), SummaryOf(markdown), markdown);
    }

    private static string TitleOf(string markdown, string path)
    {
        var heading = markdown.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal));
        return heading is null ? System.IO.Path.GetFileNameWithoutExtension(path).Replace('_', ' ') : heading[2..].Trim();
    }

    /// <summary>
    /// What the document is for, in a few lines: the first paragraph of its Overview section when it has one (the seed's
    /// runbooks open with a document-information table and notes), else the first paragraph after the title.
    /// </summary>
    private static string SummaryOf(string markdown)
    {
        var lines = markdown.Split('\n').Select(l => l.TrimEnd('\r').Trim()).ToList();
        var overview = lines.FindIndex(l => OverviewHeading().IsMatch(l));
        var from = overview >= 0 ? overview + 1 : lines.FindIndex(l => l.StartsWith("# ", StringComparison.Ordinal)) + 1;
        var paragraph = new List<string>();
        var inFence = false;
        foreach (var line in lines.Skip(from))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                if (paragraph.Count > 0)
                {
                    break;
                }

                continue;
            }

            var prose = !inFence && line.Length > 0 && (char.IsLetter(line[0]) || line[0] is '`' or '*' or '_' or '[');
            if (prose)
            {
                paragraph.Add(line);
            }
            else if (paragraph.Count > 0)
            {
                break;
            }
        }

        var text = Markdig.Markdown.ToPlainText(string.Join(' ', paragraph)).Trim();
        return text.Length <= MaxSummary ? text : text[..text.LastIndexOf(' ', MaxSummary)] + " …";
    }

    private const int MaxSummary = 240;

    [System.Text.RegularExpressions.GeneratedRegex(@"^#{2,3}\s+(\d+(\.\d+)*\.?\s+)?Overview\b", System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex OverviewHeading();

    // The seed's order: deploy, then troubleshoot, then roll back.
    private static int RunbookOrder(string path) =>
        path.Contains("deployment", StringComparison.OrdinalIgnoreCase) ? 0
        : path.Contains("troubleshooting", StringComparison.OrdinalIgnoreCase) ? 1
        : path.Contains("rollback", StringComparison.OrdinalIgnoreCase) ? 2
        : 3;
}
