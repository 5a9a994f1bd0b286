using System.Net;
using System.Text;
using ColorCode;
using ColorCode.Common;
using ColorCode.Parsing;

namespace SiteBuilder.Portal.Runbooks;

/// <summary>
/// Syntax highlighting for the runbooks' code blocks, server-side with ColorCode: spans with a few CSS classes
/// (<c>tok-comment</c>, <c>tok-string</c>, …) that the portal's stylesheet colours for the light and dark themes, so no
/// inline styles and no script. ColorCode has no shell language, and shell is most of what runbooks show, so
/// <see cref="ShellLanguage"/> adds one.
/// </summary>
public static class CodeHighlighter
{
    private static readonly ILanguage Shell = new ShellLanguage();

    static CodeHighlighter() => Languages.Load(Shell);

    public static string Highlight(string code, string language)
    {
        var found = Find(language);
        if (found is null)
        {
            return WebUtility.HtmlEncode(code);
        }

        var colorizer = new SpanColorizer();
        return colorizer.Colorize(code, found);
    }

    private static ILanguage? Find(string language) => language switch
    {
        "" or "text" or "txt" or "plain" or "mermaid" => null,
        "bash" or "sh" or "shell" or "console" or "zsh" => Shell,
        "cs" or "c#" => Languages.CSharp,
        "js" => Languages.JavaScript,
        "ts" => Languages.Typescript,
        "py" => Languages.Python,
        "ps" or "ps1" or "pwsh" => Languages.PowerShell,
        _ => Languages.FindById(language),
    };

    public static string ClassFor(string scope) => scope switch
    {
        _ when scope.Contains("Comment", StringComparison.OrdinalIgnoreCase) => "tok-comment",
        _ when scope.Contains("String", StringComparison.OrdinalIgnoreCase) || scope.Contains("Value", StringComparison.OrdinalIgnoreCase) => "tok-string",
        _ when scope.Contains("Keyword", StringComparison.OrdinalIgnoreCase) || scope == ScopeName.BuiltinFunction => "tok-keyword",
        _ when scope.Contains("Number", StringComparison.OrdinalIgnoreCase) || scope == ScopeName.BuiltinValue => "tok-number",
        _ when scope.Contains("Type", StringComparison.OrdinalIgnoreCase) || scope == ScopeName.ClassName || scope == ScopeName.NameSpace => "tok-type",
        _ when scope.Contains("Attribute", StringComparison.OrdinalIgnoreCase) || scope.Contains("Property", StringComparison.OrdinalIgnoreCase) || scope.Contains("Name", StringComparison.OrdinalIgnoreCase) => "tok-attr",
        _ when scope.Contains("Variable", StringComparison.OrdinalIgnoreCase) => "tok-var",
        _ => "tok-other",
    };

    private sealed class SpanColorizer() : CodeColorizerBase(null, null)
    {
        private readonly StringBuilder _html = new();

        public string Colorize(string code, ILanguage language)
        {
            languageParser.Parse(code, language, Write);
            return _html.ToString();
        }

        protected override void Write(string parsedSourceCode, IList<Scope> scopes)
        {
            var position = 0;
            foreach (var scope in scopes.OrderBy(s => s.Index))
            {
                position = WriteScope(parsedSourceCode, scope, position);
            }

            _html.Append(WebUtility.HtmlEncode(parsedSourceCode[position..]));
        }

        private int WriteScope(string text, Scope scope, int position)
        {
            if (scope.Index < position)
            {
                return position;
            }

            _html.Append(WebUtility.HtmlEncode(text[position..scope.Index]));
            _html.Append("<span class=\"").Append(ClassFor(scope.Name)).Append("\">");
            var inner = scope.Index;
            foreach (var child in scope.Children.OrderBy(c => c.Index))
            {
                inner = WriteScope(text, child, inner);
            }

            var end = scope.Index + scope.Length;
            _html.Append(WebUtility.HtmlEncode(text[inner..end])).Append("</span>");
            return end;
        }
    }

    /// <summary>Shell commands as runbooks write them: comments, strings, variables, options and the usual keywords.</summary>
    private sealed class ShellLanguage : ILanguage
    {
        public string Id => "bash";
        public string Name => "Shell";
        public string CssClassName => "bash";
        public string FirstLinePattern => "^#!.*(ba|z)?sh";

        public IList<LanguageRule> Rules { get; } =
        [
            new(@"(?m)(?<![\w$'""])(#.*?)$", new Dictionary<int, string> { [1] = ScopeName.Comment }),
            new(@"('[^']*')", new Dictionary<int, string> { [1] = ScopeName.String }),
            new(@"(""(?:[^""\\]|\\.)*"")", new Dictionary<int, string> { [1] = ScopeName.String }),
            new(@"(\$\{[^}]*\}|\$\(|\$[A-Za-z_][A-Za-z0-9_]*)", new Dictionary<int, string> { [1] = ScopeName.PowerShellVariable }),
            new(@"(?<=\s)(--?[A-Za-z][\w-]*)", new Dictionary<int, string> { [1] = ScopeName.Attribute }),
            new(@"\b(if|then|else|elif|fi|for|in|do|done|while|until|case|esac|function|export|local|return|set|unset)\b", new Dictionary<int, string> { [1] = ScopeName.Keyword }),
            new(@"(?<=^|\s)(\d+)(?=\s|$)", new Dictionary<int, string> { [1] = ScopeName.Number }),
        ];

        public bool HasAlias(string lang) => lang is "sh" or "shell" or "console" or "zsh";
    }
}
