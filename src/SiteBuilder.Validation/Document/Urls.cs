namespace SiteBuilder.Validation;

/// <summary>How the audits read URLs found in a page. Pages are served over HTTPS from their own origin, so a
/// relative URL is same-origin and secure.</summary>
internal static class UrlSafety
{
    private static readonly string[] ScriptSchemes = ["javascript:", "vbscript:", "livescript:", "data:text/html", "data:application/xhtml", "data:text/xml", "data:application/xml"];

    /// <summary>The URL as a browser's URL parser sees the scheme: surrounding whitespace and control characters
    /// dropped, tabs and newlines inside removed, lower-cased.</summary>
    public static string Normalize(string url)
    {
        var span = url.AsSpan().Trim("\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\v\f\r\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f ");
        var take = Math.Min(span.Length, 64);
        Span<char> buffer = stackalloc char[take];
        var length = 0;
        foreach (var c in span[..take])
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                buffer[length++] = char.ToLowerInvariant(c);
            }
        }

        return new string(buffer[..length]);
    }

    /// <summary>javascript:, vbscript: and data: URLs that a browser renders as a document (which can script).</summary>
    public static bool IsScriptUrl(string url)
    {
        var normalized = Normalize(url);
        foreach (var scheme in ScriptSchemes)
        {
            if (normalized.StartsWith(scheme, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    public static bool IsData(string url) => Normalize(url).StartsWith("data:", StringComparison.Ordinal);

    /// <summary>http: (not https:) URL — mixed content when it is a subresource of an HTTPS page.</summary>
    public static bool IsInsecureHttp(string url) => Normalize(url).StartsWith("http:", StringComparison.Ordinal);

    /// <summary>An absolute http(s) or protocol-relative URL, i.e. one that names a host.</summary>
    public static bool IsAbsoluteWeb(string url)
    {
        var normalized = Normalize(url);
        return normalized.StartsWith("http:", StringComparison.Ordinal) || normalized.StartsWith("https:", StringComparison.Ordinal)
            || normalized.StartsWith("//", StringComparison.Ordinal);
    }

    /// <summary>"scheme://host[:port]" of an absolute URL, or null for a relative one (the page's own origin).</summary>
    public static string? Origin(string url)
    {
        var trimmed = url.Trim();
        if (trimmed.StartsWith("//", StringComparison.Ordinal))
        {
            trimmed = "https:" + trimmed;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri.GetLeftPart(UriPartial.Authority).ToLowerInvariant()
            : null;
    }

    /// <summary>The decoded size of a base64 (or percent-encoded) data: URL's payload, in bytes.</summary>
    public static long DataUrlPayloadBytes(string url)
    {
        var comma = url.IndexOf(',', StringComparison.Ordinal);
        if (comma < 0)
        {
            return 0;
        }

        var header = url.AsSpan(0, comma);
        var payload = url.Length - comma - 1;
        return header.EndsWith(";base64", StringComparison.OrdinalIgnoreCase) ? payload * 3L / 4 : payload;
    }
}
