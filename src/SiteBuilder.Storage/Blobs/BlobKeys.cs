using System.Buffers;
using Microsoft.AspNetCore.StaticFiles;

namespace SiteBuilder.Storage.Blobs;

/// <summary>Key rules every backend enforces, so a key valid in one is valid in all.</summary>
public static class BlobKeys
{
    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./");

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

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
        ContentTypes.TryGetContentType(key, out var type) ? type : "application/octet-stream";
}
