namespace SiteBuilder.Generation.Records;

/// <summary>
/// Generations, their events and sites. Implementations: SQLite, DynamoDB (the generation table of DESIGN §6:
/// <c>TENANT#{t}</c>/<c>GEN#{id}</c>, <c>GEN#{id}</c>/<c>EVT#{seq}</c>, <c>TENANT#{t}</c>/<c>SITE#{id}</c>, stuck-work index on GSI1).
/// </summary>
public interface IGenerationStore
{
    /// <summary>Adds a new generation with row version 1. Throws <see cref="GenerationConflictException"/> if the id exists.</summary>
    Task<GenerationRecord> CreateAsync(GenerationRecord generation, CancellationToken cancellationToken = default);

    /// <summary>The tenant's generation, or null (also for another tenant's id).</summary>
    Task<GenerationRecord?> GetAsync(string tenant, string generationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the generation if its stored row version still equals <paramref name="generation"/>'s, and returns it with the next
    /// row version. Throws <see cref="GenerationConflictException"/> when someone else changed it first.
    /// </summary>
    Task<GenerationRecord> UpdateAsync(GenerationRecord generation, CancellationToken cancellationToken = default);

    /// <summary>The tenant's generations, newest first. <paramref name="cursor"/> is the previous page's <see cref="GenerationPage.NextCursor"/>.</summary>
    Task<GenerationPage> ListAsync(string tenant, int limit, string? cursor, CancellationToken cancellationToken = default);

    /// <summary>Every version of a site, oldest first.</summary>
    Task<IReadOnlyList<GenerationRecord>> ListSiteVersionsAsync(string tenant, string siteId, CancellationToken cancellationToken = default);

    /// <summary>Generations not in a terminal state whose last update is older than <paramref name="updatedBefore"/> (crash recovery).</summary>
    Task<IReadOnlyList<GenerationRecord>> FindStaleAsync(DateTimeOffset updatedBefore, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records events; ids must continue the generation's sequence. Recording an id twice throws <see cref="GenerationConflictException"/>.
    /// SQLite records several events all or none; DynamoDB records them in order, one conditional put each (dynalite has no
    /// transactions to test the other way against), so the runner records one event at a time.
    /// </summary>
    Task AppendEventsAsync(string generationId, IReadOnlyList<GenerationEvent> events, CancellationToken cancellationToken = default);

    /// <summary>Events with ids greater than <paramref name="afterId"/>, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<GenerationEvent>> ReadEventsAsync(string generationId, long afterId, int limit, CancellationToken cancellationToken = default);

    Task<Site?> GetSiteAsync(string tenant, string siteId, CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the site record.</summary>
    Task SaveSiteAsync(Site site, CancellationToken cancellationToken = default);

    /// <summary>The tenant's sites, most recently updated first.</summary>
    Task<IReadOnlyList<Site>> ListSitesAsync(string tenant, CancellationToken cancellationToken = default);
}
