using System.Text.RegularExpressions;

namespace SiteBuilder.Identity;

/// <summary>Tenant ids are lower-case slugs: they appear in URLs, S3 keys and DynamoDB keys unescaped.</summary>
public static partial class TenantId
{
    public const string Rule = "a tenant id is 2–63 characters: lower-case letters, digits and hyphens, starting with a letter or digit";

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
