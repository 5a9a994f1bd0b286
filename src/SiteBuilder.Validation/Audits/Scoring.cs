namespace SiteBuilder.Validation.Audits;

/// <summary>
/// Lighthouse-style scoring: every audit is binary, weighted by impact (critical 10, serious 7, moderate 3,
/// minor 1); audits that do not apply are left out. Score = 10 × passed weight ÷ applicable weight, one decimal,
/// half away from zero, in decimal arithmetic so 8.45 never becomes 8.4 through binary rounding.
/// </summary>
internal static class Scoring
{
    public static double? Score(IEnumerable<AuditResult> audits)
    {
        var total = 0;
        var passed = 0;
        foreach (var audit in audits)
        {
            if (!audit.Applicable)
            {
                continue;
            }

            total += audit.Weight;
            if (audit.Passed)
            {
                passed += audit.Weight;
            }
        }

        return total == 0 ? null : (double)Math.Round(passed * 10m / total, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>False when a critical or serious audit of the category failed.</summary>
    public static bool Passed(IEnumerable<AuditResult> audits, string category) =>
        !audits.Any(a => a.Category == category && a.Applicable && !a.Passed && a.Impact is Impacts.Critical or Impacts.Serious);

    public static IReadOnlyList<ValidationIssue> Issues(IReadOnlyList<AuditResult> audits)
    {
        var suggestions = AuditCatalog.All.ToDictionary(a => a.Id, a => a.Suggestion, StringComparer.Ordinal);
        return [.. audits
            .Where(a => a.Applicable && !a.Passed)
            .OrderByDescending(a => a.Weight)
            .SelectMany(a => a.Findings.Select(f => new ValidationIssue(
                a.Category,
                Impacts.Severity(a.Impact),
                f.Message,
                suggestions[a.Id],
                a.Id,
                a.Impact,
                f.Selector,
                f.Snippet)))];
    }
}
