namespace SiteBuilder.Portal.Components;

public static class NavigationHelpers
{
    /// <summary>A return URL that stays on this site: a rooted local path, never <c>//host</c> or <c>/\host</c>.</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.Contains('\n') && !returnUrl.Contains('\r')
            ? returnUrl
            : "/";
}
