using System.Text;
using System.Text.RegularExpressions;
using SiteBuilder.Portal.Testing.OpenApi;

namespace SiteBuilder.Portal.Tests.Runbooks;

/// <summary>
/// What a fenced block needs besides a local portal, from the words after its language in the info string
/// (<c>```bash aws</c>): the reader's walk-through skips such blocks by this rule, and a block that calls a tool of one of
/// these without saying so is an error.
/// </summary>
public static class BlockNeeds
{
    /// <summary>An AWS account (aws, terraform, docker against ECR, a Bedrock provider).</summary>
    public const string Aws = "aws";

    /// <summary>A Microsoft Entra ID directory and the Azure CLI.</summary>
    public const string Azure = "azure";

    /// <summary>A GitHub repository and the GitHub CLI.</summary>
    public const string GitHub = "github";

    /// <summary>The repository's own tooling (the test suite, the benchmarks).</summary>
    public const string Repo = "repo";

    /// <summary>Settings for the server's next start (exports for a model provider), not commands against the running one.</summary>
    public const string Config = "config";

    /// <summary>Shows a refusal on purpose: the block must end with a non-zero exit (curl --fail-with-body → 22).</summary>
    public const string Fails = "fails";

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal) { Aws, Azure, GitHub, Repo, Config, Fails };

    /// <summary>Tags that keep a block out of the walk-through.</summary>
    public static readonly IReadOnlySet<string> Skipped = new HashSet<string>(StringComparer.Ordinal) { Aws, Azure, GitHub, Repo, Config };
}

/// <summary>A fenced code block of a document: where it starts, its language, the words after it, and its text.</summary>
public sealed record DocCodeBlock(DocFile File, int Line, string Language, IReadOnlyList<string> Tags, string Code)
{
    public bool IsShell => Language is "bash" or "sh" or "shell";

    public override string ToString() => $"{File.Path}:{Line} ({Language}{(Tags.Count > 0 ? " " + string.Join(' ', Tags) : "")})";

    /// <summary>The block's commands: continuation lines joined, comments and heredoc bodies left out, each with its first line.</summary>
    public IEnumerable<(int Line, string Command)> Commands()
    {
        var lines = Code.Split('\n');
        string? heredoc = null;
        var current = new StringBuilder();
        var start = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (heredoc is not null)
            {
                if (line.Trim() == heredoc)
                {
                    heredoc = null;
                }

                continue;
            }

            if (current.Length == 0)
            {
                start = Line + 1 + i;
            }

            var code = DocText.StripShellComment(line);
            if (code.EndsWith('\\'))
            {
                current.Append(code[..^1]).Append(' ');
                continue;
            }

            current.Append(code);
            var command = current.ToString().Trim();
            current.Clear();
            if (DocText.Heredoc().Match(command) is { Success: true } opening)
            {
                heredoc = opening.Groups["end"].Value;
            }

            if (command.Length > 0)
            {
                yield return (start, command);
            }
        }
    }
}

/// <summary>A pipe table: its header cells and rows, each cell as written (Markdown), with the row's line.</summary>
public sealed record DocTable(DocFile File, int Line, IReadOnlyList<string> Header, IReadOnlyList<(int Line, IReadOnlyList<string> Cells)> Rows)
{
    /// <summary>The column whose header contains <paramref name="word"/> (case-insensitive), or -1.</summary>
    public int Column(string word) => Header.ToList().FindIndex(h => h.Contains(word, StringComparison.OrdinalIgnoreCase));
}

/// <summary>One Markdown file of the repository's documentation, cut into prose lines, fenced blocks and tables.</summary>
public sealed class DocFile
{
    public DocFile(string path, string markdown)
    {
        Path = path;
        Markdown = markdown.Replace("\r\n", "\n", StringComparison.Ordinal);
        var lines = Markdown.Split('\n');
        var prose = new List<(int, string)>();
        var blocks = new List<DocCodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (DocText.Fence().Match(lines[i]) is not { Success: true } open)
            {
                prose.Add((i + 1, lines[i]));
                continue;
            }

            var fence = open.Groups["fence"].Value;
            var words = open.Groups["info"].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var end = i + 1;
            while (end < lines.Length && !(lines[end].TrimStart().StartsWith(fence, StringComparison.Ordinal) && lines[end].Trim().Trim(fence[0]).Length == 0))
            {
                end++;
            }

            blocks.Add(new DocCodeBlock(this, i + 1, words.FirstOrDefault()?.ToLowerInvariant() ?? "", words.Skip(1).ToList(), string.Join('\n', lines[(i + 1)..Math.Min(end, lines.Length)])));
            i = end;
        }

        Prose = prose;
        Blocks = blocks;
        Tables = ReadTables(prose);
    }

    /// <summary>Relative to the repository root, with forward slashes.</summary>
    public string Path { get; }

    public string Markdown { get; }

    /// <summary>Every line outside fenced blocks, with its number (1-based).</summary>
    public IReadOnlyList<(int Line, string Text)> Prose { get; }

    public IReadOnlyList<DocCodeBlock> Blocks { get; }

    public IReadOnlyList<DocTable> Tables { get; }

    /// <summary>Every line a reader sees as text or code: prose lines and the commands of shell blocks.</summary>
    public IEnumerable<(int Line, string Text)> TextAndCommands() =>
        Prose.Concat(Blocks.Where(b => b.IsShell).SelectMany(b => b.Commands()));

    public static DocFile Parse(string path, string markdown) => new(path, markdown);

    private List<DocTable> ReadTables(IReadOnlyList<(int Line, string Text)> prose)
    {
        var tables = new List<DocTable>();
        for (var i = 0; i + 1 < prose.Count; i++)
        {
            var (line, text) = prose[i];
            if (!text.TrimStart().StartsWith('|') || !DocText.TableSeparator().IsMatch(prose[i + 1].Text) || prose[i + 1].Line != line + 1)
            {
                continue;
            }

            var rows = new List<(int, IReadOnlyList<string>)>();
            var next = i + 2;
            while (next < prose.Count && prose[next].Text.TrimStart().StartsWith('|') && prose[next].Line == prose[next - 1].Line + 1)
            {
                rows.Add((prose[next].Line, DocText.Cells(prose[next].Text)));
                next++;
            }

            tables.Add(new DocTable(this, line, DocText.Cells(text), rows));
            i = next - 1;
        }

        return tables;
    }
}

/// <summary>The documentation a reader of this repository meets: the README and every Markdown file under <c>docs/</c>.</summary>
public static class DocCorpus
{
    public static string Root => OpenApiContract.RepositoryRoot;

    private static readonly Lazy<IReadOnlyList<DocFile>> Loaded = new(() =>
        new[] { System.IO.Path.Combine(Root, "README.md") }
            .Concat(Directory.EnumerateFiles(System.IO.Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            .Select(file => new DocFile(System.IO.Path.GetRelativePath(Root, file).Replace('\\', '/'), File.ReadAllText(file)))
            .ToList());

    public static IReadOnlyList<DocFile> All => Loaded.Value;

    public static IEnumerable<DocFile> Runbooks => All.Where(d => d.Path.StartsWith("docs/runbooks/", StringComparison.Ordinal));

    public static DocFile Get(string path) => All.Single(d => d.Path == path);
}

/// <summary>Small text helpers the rules share.</summary>
public static partial class DocText
{
    /// <summary>The line without a shell comment (a <c>#</c> at the start or after a blank, outside quotes).</summary>
    public static string StripShellComment(string line)
    {
        char? quote = null;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"')
                {
                    i++;
                }

                continue;
            }

            switch (c)
            {
                case '\\':
                    i++;
                    break;
                case '\'' or '"':
                    quote = c;
                    break;
                case '#' when i == 0 || char.IsWhiteSpace(line[i - 1]):
                    return line[..i].TrimEnd();
            }
        }

        return line.TrimEnd();
    }

    /// <summary>Shell words of <paramref name="text"/> up to the end of its command (an unquoted <c>)</c>, <c>|</c>, <c>;</c>, <c>&amp;</c>, <c>&gt;</c>, <c>#</c> or <c>`</c>).</summary>
    public static List<string> ShellWords(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
                else if (c == '\\' && quote == '"' && i + 1 < text.Length)
                {
                    word.Append(text[++i]);
                }
                else
                {
                    word.Append(c);
                }

                continue;
            }

            if (c is ')' or '|' or ';' or '&' or '>' or '`' || (c == '#' && !inWord))
            {
                break;
            }

            if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }

                continue;
            }

            inWord = true;
            if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == '\\' && i + 1 < text.Length)
            {
                word.Append(text[++i]);
            }
            else
            {
                word.Append(c);
            }
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    /// <summary>The cells of a table row, split at pipes outside code spans, trimmed.</summary>
    public static List<string> Cells(string row)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        var inCode = false;
        var text = row.Trim();
        if (text.StartsWith('|'))
        {
            text = text[1..];
        }

        if (text.EndsWith('|'))
        {
            text = text[..^1];
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '`')
            {
                inCode = !inCode;
            }

            if (c == '\\' && i + 1 < text.Length && text[i + 1] == '|')
            {
                cell.Append('|');
                i++;
                continue;
            }

            if (c == '|' && !inCode)
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
                continue;
            }

            cell.Append(c);
        }

        cells.Add(cell.ToString().Trim());
        return cells;
    }

    /// <summary>The code spans of a line of Markdown (<c>`x`</c>), without their backticks.</summary>
    public static IEnumerable<string> CodeSpans(string text) => CodeSpan().Matches(text).Select(m => m.Groups[1].Value);

    [GeneratedRegex(@"^\s{0,3}(?<fence>`{3,}|~{3,})(?<info>[^`]*)$")]
    public static partial Regex Fence();

    [GeneratedRegex(@"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")]
    public static partial Regex TableSeparator();

    [GeneratedRegex(@"<<-?\s*'?(?<end>[A-Za-z_]+)'?")]
    public static partial Regex Heredoc();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex CodeSpan();
}
