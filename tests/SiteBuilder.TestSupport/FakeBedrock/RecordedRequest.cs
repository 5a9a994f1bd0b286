using SiteBuilder.TestSupport.Aws;
using System.Text.Json;

namespace SiteBuilder.TestSupport.FakeBedrock;

/// <summary>A request a fake endpoint received, as it came over the wire.</summary>
/// <param name="RawTarget">Path and query exactly as sent, still percent-encoded.</param>
/// <param name="Path">The decoded path.</param>
/// <param name="Headers">Every header; names compare case-insensitively.</param>
/// <param name="Signature">The SigV4 check, for endpoints that sign (null for those that don't).</param>
public sealed record RecordedRequest(
    string Method,
    string RawTarget,
    string Path,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    SigV4Verdict? Signature)
{
    /// <summary>The header's value (repeated headers joined by commas), or null.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public JsonElement Json() => JsonDocument.Parse(Body).RootElement.Clone();
}
