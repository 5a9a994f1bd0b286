using System.Text.Json;
using SiteBuilder.Validation;

namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// The stored form of a brand report (<c>{tenant}/{siteId}/{generationId}/report.json</c>): the validator's report as the API
/// answers it (camelCase JSON), so a stored report can be served as it is.
/// </summary>
public static class BrandReports
{
    public static byte[] Write(ValidationReport report) => JsonSerializer.SerializeToUtf8Bytes(report, JsonSerializerOptions.Web);

    public static ValidationReport Read(byte[] json) =>
        JsonSerializer.Deserialize<ValidationReport>(json, JsonSerializerOptions.Web)
        ?? throw new JsonException("The stored brand report is empty.");
}
