using System.Net;
using System.Text;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Microsoft.Data.Sqlite;

namespace SiteBuilder.Portal.Runbooks;

/// <summary>A section that matched a search, best first; <see cref="TitleHtml"/> and <see cref="SnippetHtml"/> are encoded, with the matches in <c>&lt;mark&gt;</c>.</summary>
public sealed record SearchHit(RunbookDocument Document, string Anchor, string TitleHtml, string SnippetHtml)
{
    public string Href => Anchor.Length == 0 ? Document.Route : $"{Document.Route}#{Anchor}";
}

/// <summary>
/// Full-text search over every section of every document: an in-memory SQLite FTS5 index built once at start (the
/// documents ship with the binaries and do not change while it runs), ranked by bm25 with titles weighted above text.
/// Each word of a query is a prefix, so "throttl" finds "throttling" and "throttled".
/// </summary>
public sealed class RunbookSearch : IDisposable
{
    // Sentinels that cannot occur in the docs mark the matches; the text is HTML-encoded before they become <mark>.
    private const string Open = "\u0001";
    private const string Close = "\u0002";

    private readonly SqliteConnection _index;
    private readonly IReadOnlyList<RunbookDocument> _documents;
    private readonly Lock _gate = new();

    public RunbookSearch(DocumentLibrary library)
    {
        _documents = library.Documents;
        _index = new SqliteConnection("Data Source=:memory:");
        _index.Open();
        using (var create = _index.CreateCommand())
        {
            create.CommandText = "CREATE VIRTUAL TABLE sections USING fts5(doc UNINDEXED, anchor UNINDEXED, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');";
            create.ExecuteNonQuery();
        }

        using var transaction = _index.BeginTransaction();
        using var insert = _index.CreateCommand();
        insert.CommandText = "INSERT INTO sections (doc, anchor, title, body) VALUES ($doc, $anchor, $title, $body);";
        var doc = insert.Parameters.Add("$doc", SqliteType.Integer);
        var anchor = insert.Parameters.Add("$anchor", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var body = insert.Parameters.Add("$body", SqliteType.Text);
        for (var i = 0; i < _documents.Count; i++)
        {
            foreach (var section in Sections(_documents[i]))
            {
                (doc.Value, anchor.Value, title.Value, body.Value) = (i, section.Anchor, section.Title, section.Text);
                insert.ExecuteNonQuery();
            }
        }

        transaction.Commit();
    }

    public IReadOnlyList<SearchHit> Search(string query, int limit = 20)
    {
        var match = ToMatchExpression(query);
        if (match is null)
        {
            return [];
        }

        lock (_gate)
        {
            using var command = _index.CreateCommand();
            command.CommandText = $"""
                SELECT doc, anchor, highlight(sections, 2, '{Open}', '{Close}'), snippet(sections, 3, '{Open}', '{Close}', '…', 24)
                FROM sections WHERE sections MATCH $match
                ORDER BY bm25(sections, 0, 0, 8.0, 1.0) LIMIT $limit;
                """;
            command.Parameters.AddWithValue("$match", match);
            command.Parameters.AddWithValue("$limit", limit);
            using var reader = command.ExecuteReader();
            var hits = new List<SearchHit>();
            while (reader.Read())
            {
                hits.Add(new SearchHit(_documents[reader.GetInt32(0)], reader.GetString(1), Marked(reader.GetString(2)), Marked(reader.GetString(3))));
            }

            return hits;
        }
    }

    /// <summary>The words of what a person typed, each a quoted prefix, all required; null when nothing is searchable.</summary>
    public static string? ToMatchExpression(string query)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in query.Append(' '))
        {
            if (char.IsLetterOrDigit(c))
            {
                word.Append(c);
            }
            else if (word.Length > 0)
            {
                words.Add($"\"{word}\"*");
                word.Clear();
            }
        }

        return words.Count == 0 ? null : string.Join(' ', words.Take(12));
    }

    private static string Marked(string text) =>
        WebUtility.HtmlEncode(text).Replace(Open, "<mark>", StringComparison.Ordinal).Replace(Close, "</mark>", StringComparison.Ordinal);

    private sealed record Section(string Anchor, string Title, string Text);

    /// <summary>A document cut at its headings (levels 1–3), each piece as plain text under its heading's anchor.</summary>
    private static IEnumerable<Section> Sections(RunbookDocument document)
    {
        var ast = RunbookRenderer.Parse(document.Markdown);
        var lines = document.Markdown.Split('\n');
        var headings = ast.Descendants<HeadingBlock>().Where(h => h.Level <= 3).ToList();
        var starts = headings.Select(h => h.Line).Prepend(0).ToList();
        var titles = headings.Select(h => (Anchor: h.GetAttributes().Id ?? "", Title: RunbookRenderer.PlainText(h.Inline))).Prepend((Anchor: "", Title: document.Title)).ToList();
        for (var i = 0; i < starts.Count; i++)
        {
            var from = i == 0 ? 0 : starts[i] + 1;
            var to = i + 1 < starts.Count ? starts[i + 1] : lines.Length;
            if (i == 0 && to == 0)
            {
                continue;
            }

            var text = RunbookRenderer.ToPlainText(string.Join('\n', lines[from..to]));
            yield return new Section(titles[i].Anchor, titles[i].Title, text);
        }
    }

    public void Dispose() => _index.Dispose();
}
