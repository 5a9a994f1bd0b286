namespace SiteBuilder.Generation.Pipeline;

/// <summary>
/// Turns the request's <c>brandAssets.logo</c> into something a page can show: an https URL passes through; a brand asset id
/// of the tenant becomes a <c>data:</c> URI, so the page stays self-contained. The brand asset store implements it.
/// </summary>
public interface ILogoSource
{
    /// <summary>The image reference for the page, or null when the tenant has no such asset.</summary>
    Task<string?> ResolveAsync(string tenant, string logo, CancellationToken cancellationToken);
}

/// <summary>Used until a brand asset store is registered: URLs pass through; asset ids are unknown.</summary>
public sealed class UrlOnlyLogoSource : ILogoSource
{
    public Task<string?> ResolveAsync(string tenant, string logo, CancellationToken cancellationToken) =>
        Task.FromResult(logo.StartsWith("https://", StringComparison.Ordinal) ? logo : null);
}
