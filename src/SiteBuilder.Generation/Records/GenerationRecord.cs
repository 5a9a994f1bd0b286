namespace SiteBuilder.Generation.Records;

/// <summary>The states of DESIGN §5. <see cref="Complete"/>, <see cref="Failed"/> and <see cref="Cancelled"/> are terminal.</summary>
public enum GenerationStatus
{
    Queued,
    Generating,
    Validating,
    Complete,
    Failed,
    Cancelled,
}

public static class GenerationStatuses
{
    public static bool IsTerminal(this GenerationStatus status) =>
        status is GenerationStatus.Complete or GenerationStatus.Failed or GenerationStatus.Cancelled;

    /// <summary>The wire name: <c>queued</c>, <c>generating</c>, …</summary>
    public static string ToWire(this GenerationStatus status) => status.ToString().ToLowerInvariant();

    public static GenerationStatus Parse(string value) => Enum.Parse<GenerationStatus>(value, ignoreCase: true);
}

/// <summary>Why a generation failed, with the seed's error code.</summary>
public sealed record GenerationError(string Code, string Message);

/// <summary>
/// One version of a site's page: its request, where it is in the pipeline, and its result.
/// <see cref="RowVersion"/> guards every update (optimistic concurrency), so two instances never both move it on.
/// </summary>
public sealed record GenerationRecord
{
    public required string Id { get; init; }

    public required string Tenant { get; init; }

    public required string SiteId { get; init; }

    /// <summary>1 for a site's first page; the parent's version + 1 for a refinement.</summary>
    public required int Version { get; init; }

    public string? ParentGenerationId { get; init; }

    public required string Prompt { get; init; }

    public required string TemplateId { get; init; }

    public string? PrimaryColor { get; init; }

    public string? SecondaryColor { get; init; }

    public string? Logo { get; init; }

    public required string Provider { get; init; }

    public required string ModelId { get; init; }

    public required string CreatedBy { get; init; }

    public GenerationStatus Status { get; init; }

    /// <summary>0–100.</summary>
    public int Progress { get; init; }

    /// <summary>The current step, in words.</summary>
    public string? Message { get; init; }

    public GenerationError? Error { get; init; }

    /// <summary>The blob key of the stored HTML (sites container) once complete.</summary>
    public string? HtmlKey { get; init; }

    public double? BrandScore { get; init; }

    /// <summary>What the page model did with a refinement, in words, when it did less than asked ("The page already had a testimonials section").</summary>
    public string? Note { get; init; }

    public long? InputTokens { get; init; }

    public long? OutputTokens { get; init; }

    /// <summary>The sequence number of the last event recorded.</summary>
    public long LastEventId { get; init; }

    /// <summary>A cancel was asked for; the instance running the generation stops it.</summary>
    public bool CancelRequested { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? FirstChunkAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public long RowVersion { get; init; }
}

/// <summary>A recorded event: its id (1, 2, 3 … per generation, the SSE <c>id:</c>) and what it says.</summary>
public sealed record GenerationEvent(long Id, GenerationEventData Data);

/// <summary>A page of a tenant's history, newest first; <see cref="NextCursor"/> is null on the last page.</summary>
public sealed record GenerationPage(IReadOnlyList<GenerationRecord> Items, string? NextCursor);

/// <summary>A site: its versions are generations; <see cref="LatestGenerationId"/> points at the newest complete one.</summary>
public sealed record Site
{
    public required string Tenant { get; init; }

    public required string SiteId { get; init; }

    public required string Name { get; init; }

    public string? LatestGenerationId { get; init; }

    public int LatestVersion { get; init; }

    public double? LatestBrandScore { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset UpdatedAt { get; init; }
}

public sealed class GenerationConflictException(string message) : Exception(message);
