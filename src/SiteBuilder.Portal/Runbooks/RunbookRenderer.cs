using System.Net;
using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SiteBuilder.Portal.Runbooks;

/// <summary>A heading in a document's table of contents.</summary>
public sealed record TocEntry(int Level, string Anchor, string Text);

/// <summary>A document as HTML, ready for the page, with its table of contents.</summary>
public sealed record RenderedDocument(RunbookDocument Document, string Html, IReadOnlyList<TocEntry> Toc);

/// <summary>
/// Renders the docs' Markdown for the portal: raw HTML disabled (a document can't inject markup), GitHub-style heading
/// anchors (so links written for GitHub work here too), highlighted code blocks with a copy button, and links between
/// documents turned into portal routes.
/// </summary>
public sealed class RunbookRenderer(DocumentLibrary library)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        // Markdig's advanced set without generic attributes: runbooks write placeholders such as {env} and
        // {tenant_id}, which that extension would swallow at the end of a heading (GitHub has no such syntax either).
        .UseAbbreviations()
        .UseCustomContainers()
        .UseDefinitionLists()
        .UseEmphasisExtras()
        .UseFootnotes()
        .UseGridTables()
        .UsePipeTables()
        .UseListExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public static MarkdownDocument Parse(string markdown) => Markdown.Parse(markdown, Pipeline);

    public static string ToPlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline);

    /// <param name="alarms">Section anchor → the alarms that link to it, shown under its heading with their state.</param>
    public RenderedDocument Render(RunbookDocument document, RunbookEnvironment? environment = null, IReadOnlyDictionary<string, IReadOnlyList<SectionAlarm>>? alarms = null)
    {
        var markdown = environment is null ? document.Markdown : environment.Fill(document.Markdown);
        var ast = Parse(markdown);
        foreach (var link in ast.Descendants<LinkInline>())
        {
            link.Url = ResolveLink(document.Path, link.Url, link.IsImage);
        }

        // Wide tables scroll sideways on a phone; a scrolling region must be reachable from the keyboard.
        foreach (var table in ast.Descendants<Markdig.Extensions.Tables.Table>())
        {
            table.GetAttributes().AddProperty("tabindex", "0");
        }

        var toc = new List<TocEntry>();
        foreach (var heading in ast.Descendants<HeadingBlock>())
        {
            var anchor = heading.GetAttributes().Id;
            if (anchor is not null && heading.Level is 2 or 3)
            {
                toc.Add(new TocEntry(heading.Level, anchor, PlainText(heading.Inline)));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeBlockRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<HeadingRenderer>(new AnchoredHeadingRenderer(alarms));
        renderer.Render(ast);
        writer.Flush();
        return new RenderedDocument(document, writer.ToString(), toc);
    }

    /// <summary>
    /// A link as the portal serves it: another document → its route (with the anchor), a file beside the docs (an image)
    /// → <c>/runbooks/files/…</c>, the OpenAPI files → <c>/openapi/…</c>; web links and portal routes stay; any other scheme
    /// is dropped.
    /// </summary>
    public string ResolveLink(string documentPath, string? url, bool isImage = false)
    {
        if (string.IsNullOrWhiteSpace(url) || url.StartsWith('#') || url.StartsWith('/'))
        {
            return url ?? "";
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var absolute))
        {
            return absolute.Scheme is "http" or "https" or "mailto" ? url : "#";
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var (target, fragment) = hash < 0 ? (url, "") : (url[..hash], url[hash..]);
        var resolved = Normalize(Path.GetDirectoryName(documentPath)?.Replace('\\', '/') ?? "", target);
        if (resolved is null)
        {
            return url;
        }

        if (library.FindByPath(resolved) is { } linked)
        {
            return linked.Route + fragment;
        }

        if (resolved.StartsWith("../openapi/", StringComparison.Ordinal))
        {
            return "/openapi/" + resolved["../openapi/".Length..] + fragment;
        }

        return resolved.StartsWith("../", StringComparison.Ordinal) || (!isImage && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            ? url
            : $"{DocumentLibrary.FilesPrefix}/{resolved}";
    }

    /// <summary><paramref name="relative"/> against <paramref name="folder"/> (both relative to the docs folder); null when it is not a path.</summary>
    private static string? Normalize(string folder, string relative)
    {
        var parts = new List<string>(folder.Length == 0 ? [] : folder.Split('/'));
        var ups = 0;
        foreach (var part in Uri.UnescapeDataString(relative).Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count > 0)
                    {
                        parts.RemoveAt(parts.Count - 1);
                    }
                    else
                    {
                        ups++;
                    }

                    continue;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return parts.Count == 0 ? null : string.Concat(Enumerable.Repeat("../", ups)) + string.Join('/', parts);
    }

    public static string PlainText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var text = new System.Text.StringBuilder();
        foreach (var child in inline.Descendants())
        {
            switch (child)
            {
                case LiteralInline literal:
                    text.Append(literal.Content);
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
            }
        }

        return text.ToString().Trim();
    }

    /// <summary>
    /// Headings get a visible "#" link to themselves, so a reader can share the section; a section an alarm links to shows
    /// that alarm's state right under its heading.
    /// </summary>
    private sealed class AnchoredHeadingRenderer(IReadOnlyDictionary<string, IReadOnlyList<SectionAlarm>>? alarms) : HeadingRenderer
    {
        protected override void Write(HtmlRenderer renderer, HeadingBlock obj)
        {
            var id = obj.GetAttributes().Id;
            if (id is null || obj.Level == 1)
            {
                base.Write(renderer, obj);
                return;
            }

            renderer.Write($"<h{obj.Level}").WriteAttributes(obj).Write('>');
            renderer.WriteLeafInline(obj);
            renderer.Write($" <a class=\"runbook-anchor\" href=\"#{WebUtility.HtmlEncode(id)}\" aria-label=\"Link to this section\">#</a>");
            renderer.WriteLine($"</h{obj.Level}>");
            if (alarms?.GetValueOrDefault(id) is { Count: > 0 } linked)
            {
                foreach (var alarm in linked)
                {
                    WriteAlarm(renderer, alarm);
                }
            }
        }

        private static void WriteAlarm(HtmlRenderer renderer, SectionAlarm alarm)
        {
            var state = alarm.StateName;
            var since = alarm.Since == DateTimeOffset.MinValue ? "not evaluated yet" : $"since {alarm.Since.UtcDateTime:yyyy-MM-dd HH:mm} UTC";
            renderer.Write($"<p class=\"runbook-alarm\" data-testid=\"runbook-alarm\" data-alarm=\"{WebUtility.HtmlEncode(alarm.AlarmId)}\" data-state=\"{state}\">")
                .Write($"<span class=\"runbook-alarm-state runbook-alarm-{state.ToLowerInvariant().Replace('_', '-')}\">{state}</span> ")
                .Write($"Alarm <code>{WebUtility.HtmlEncode(alarm.AlarmId)}</code> ({WebUtility.HtmlEncode(alarm.Title)}) in {WebUtility.HtmlEncode(alarm.Environment.ToUpperInvariant())}, {since}")
                .WriteLine("</p>");
        }
    }

    /// <summary>Fenced code: highlighted by language, with a copy button the page's script wires up.</summary>
    private sealed class HighlightedCodeBlockRenderer : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            var language = (obj as FencedCodeBlock)?.Info?.Trim().ToLowerInvariant() ?? "";
            // The words after the language say what else the block needs (```bash aws): the reader sees it too.
            var needs = ((obj as FencedCodeBlock)?.Arguments ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(NeedLabel).OfType<string>().ToList();
            var code = obj.Lines.ToString();
            var label = language.Length == 0 ? "text" : language;
            renderer.Write("<div class=\"runbook-code\"><div class=\"runbook-code-bar\">")
                .Write($"<span class=\"runbook-code-language\">{WebUtility.HtmlEncode(label)}{(needs.Count == 0 ? "" : " · needs " + WebUtility.HtmlEncode(string.Join(", ", needs)))}</span>")
                .Write("<button type=\"button\" class=\"runbook-copy\" title=\"Copy the code\">Copy</button></div>")
                .Write($"<pre tabindex=\"0\"><code class=\"language-{WebUtility.HtmlEncode(label)}\">")
                .Write(CodeHighlighter.Highlight(code, language))
                .WriteLine("</code></pre></div>");
        }

        private static string? NeedLabel(string word) => word switch
        {
            "aws" => "AWS credentials",
            "azure" => "the Azure CLI signed in to Entra ID",
            "github" => "the GitHub CLI",
            "repo" => "a repository checkout",
            "config" => "a restart with these settings",
            _ => null,
        };
    }
}
