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

    // A site record is never written whole after it is made: each change below writes only its own fields, so a rename and a
    // completion (or a restore) at the same moment both land.

    /// <summary>Records a new site. Throws <see cref="GenerationConflictException"/> if the tenant has a site with that id.</summary>
    Task CreateSiteAsync(Site site, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes the site's name and nothing else, so a generation completing at the same moment keeps its own update.
    /// False when the tenant has no such site.
    /// </summary>
    Task<bool> RenameSiteAsync(string tenant, string siteId, string name, CancellationToken cancellationToken = default);

    /// <summary>
    /// A version completed: the site's latest generation, version and brand score become its own, updated at
    /// <paramref name="completedAt"/>, unless the site already shows a later version (versions may complete out of order).
    /// Nothing else changes. False when nothing changed: no such site, or a later version.
    /// </summary>
    Task<bool> RecordCompletedVersionAsync(
        string tenant, string siteId, string generationId, int version, double? brandScore, DateTimeOffset completedAt, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes an earlier complete version the site's page again: the latest generation and brand score become its own, updated at
    /// <paramref name="updatedAt"/>; the latest version number and the name stay. False when the tenant has no such site.
    /// </summary>
    Task<bool> RestoreVersionAsync(
        string tenant, string siteId, string generationId, double? brandScore, DateTimeOffset updatedAt, CancellationToken cancellationToken = default);

    /// <summary>The tenant's sites, most recently updated first.</summary>
    Task<IReadOnlyList<Site>> ListSitesAsync(string tenant, CancellationToken cancellationToken = default);
}
