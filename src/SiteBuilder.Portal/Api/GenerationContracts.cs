using SiteBuilder.Generation.Records;

namespace SiteBuilder.Portal.Api;

/// <summary>The state of a generation as <c>GET /v1/sites/{tenant_id}/generations/{id}</c> answers it.</summary>
public sealed record GenerationState(
    string GenerationId,
    string SiteId,
    int Version,
    string? ParentGenerationId,
    string Status,
    int Progress,
    string? Message,
    string Prompt,
    string TemplateId,
    GenerationBrand BrandAssets,
    string Provider,
    string ModelId,
    double? BrandScore,
    GenerationError? Error,
    long? InputTokens,
    long? OutputTokens,
    long LastEventId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FirstChunkAt,
    DateTimeOffset? CompletedAt,
    string? PreviewUrl,
    string? ReportUrl)
{
    public static GenerationState From(GenerationRecord g)
    {
        var complete = g.Status == GenerationStatus.Complete;
        var self = $"/v1/sites/{g.Tenant}/generations/{g.Id}";
        return new GenerationState(
            g.Id, g.SiteId, g.Version, g.ParentGenerationId, g.Status.ToWire(), g.Progress, g.Message, g.Prompt, g.TemplateId,
            new GenerationBrand(g.PrimaryColor, g.SecondaryColor, g.Logo), g.Provider, g.ModelId, g.BrandScore, g.Error,
            g.InputTokens, g.OutputTokens, g.LastEventId, g.CreatedAt, g.UpdatedAt, g.FirstChunkAt, g.CompletedAt,
            complete ? $"{self}/html" : null, complete ? $"{self}/report" : null);
    }
}

public sealed record GenerationBrand(string? PrimaryColor, string? SecondaryColor, string? Logo);

public sealed record GenerationList(IReadOnlyList<GenerationState> Items, string? NextCursor);
