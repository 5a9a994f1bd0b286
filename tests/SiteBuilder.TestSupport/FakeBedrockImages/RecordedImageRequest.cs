using System.Text;
using System.Text.Json;

namespace SiteBuilder.TestSupport.FakeBedrockImages;

/// <summary>One request as the fake received it, whatever it answered.</summary>
/// <param name="Method">HTTP method.</param>
/// <param name="RawTarget">The request target exactly as sent, e.g. <c>/model/amazon.nova-canvas-v1%3A0/invoke</c>.</param>
/// <param name="ModelId">The model id from the path, unescaped.</param>
/// <param name="Headers">Headers by lower-case name; repeated headers joined with ",".</param>
/// <param name="Body">The raw body.</param>
/// <param name="SignatureError">Why the signature was refused; null when it verified.</param>
/// <param name="Status">The status code the fake answered with.</param>
public sealed record RecordedImageRequest(
    string Method,
    string RawTarget,
    string ModelId,
    IReadOnlyDictionary<string, string> Headers,
    byte[] Body,
    string? SignatureError,
    int Status)
{
    public bool SignatureValid => SignatureError is null;

    public string BodyText => Encoding.UTF8.GetString(Body);

    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();

    public string? Header(string name) => Headers.TryGetValue(name.ToLowerInvariant(), out var value) ? value : null;

    /// <summary>The header names listed in the Authorization header's SignedHeaders.</summary>
    public IReadOnlyList<string> SignedHeaders
    {
        get
        {
            var auth = Header("authorization") ?? string.Empty;
            var at = auth.IndexOf("SignedHeaders=", StringComparison.Ordinal);
            if (at < 0)
            {
                return [];
            }

            var value = auth[(at + "SignedHeaders=".Length)..];
            var end = value.IndexOf(',');
            return (end < 0 ? value : value[..end]).Trim().Split(';');
        }
    }
}
