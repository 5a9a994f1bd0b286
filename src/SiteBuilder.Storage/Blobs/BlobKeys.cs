using System.Buffers;

namespace SiteBuilder.Storage.Blobs;

/// <summary>Key rules every backend enforces, so a key valid in one is valid in all.</summary>
public static class BlobKeys
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./");

    // The web types a site or asset can hold, with the values ASP.NET's static-file map gives; a library needs no web framework for this.
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html", [".htm"] = "text/html", [".css"] = "text/css", [".js"] = "text/javascript",
        [".mjs"] = "text/javascript", [".json"] = "application/json", [".map"] = "text/plain", [".xml"] = "text/xml",
        [".txt"] = "text/plain", [".md"] = "text/markdown", [".csv"] = "text/csv", [".svg"] = "image/svg+xml",
        [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg", [".gif"] = "image/gif",
        [".webp"] = "image/webp", [".avif"] = "image/avif", [".ico"] = "image/x-icon", [".bmp"] = "image/bmp",
        [".woff"] = "application/font-woff", [".woff2"] = "font/woff2", [".ttf"] = "application/x-font-ttf", [".otf"] = "font/otf",
        [".eot"] = "application/vnd.ms-fontobject", [".pdf"] = "application/pdf", [".zip"] = "application/x-zip-compressed",
        [".gz"] = "application/x-gzip", [".mp4"] = "video/mp4", [".webm"] = "video/webm", [".mp3"] = "audio/mpeg",
        [".wasm"] = "application/wasm",
    };

    /// <summary>Throws <see cref="ArgumentException"/> for keys that could escape a folder or differ between backends.</summary>
    public static void Validate(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > 512 || key.AsSpan().ContainsAnyExcept(Allowed) || key.StartsWith('/') || key.EndsWith('/')
            || key.Split('/').Any(segment => segment.Length == 0 || segment == "." || segment == ".."))
        {
            throw new ArgumentException($"'{key}' is not a valid blob key.", nameof(key));
        }
    }

    /// <summary>
    /// Where the S3 store keeps <see cref="BlobContainer.System"/> blobs inside the assets bucket. No asset key may start with it,
    /// in any backend, so a key accepted by the folder store is accepted by S3 too.
    /// </summary>
    public const string SystemPrefix = "_system/";

    /// <summary>Like <see cref="Validate(string)"/>, and also rejects asset keys under the reserved <see cref="SystemPrefix"/>.</summary>
    public static void Validate(BlobContainer container, string key)
    {
        Validate(key);
        if (container == BlobContainer.Assets && key.StartsWith(SystemPrefix, StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{key}' is reserved: asset keys cannot start with '{SystemPrefix}'.", nameof(key));
        }
    }

    /// <summary>Validates a prefix for listing: empty, or key characters ending anywhere.</summary>
    public static void ValidatePrefix(string prefix)
    {
        if (prefix.Length > 0 && (prefix.AsSpan().ContainsAnyExcept(Allowed) || prefix.StartsWith('/') || prefix.Contains("..", StringComparison.Ordinal)))
        {
            throw new ArgumentException($"'{prefix}' is not a valid blob prefix.", nameof(prefix));
        }
    }

    public static string ContentTypeOf(string key) =>
        ContentTypes.TryGetValue(Path.GetExtension(key), out var type) ? type : "application/octet-stream";
}
