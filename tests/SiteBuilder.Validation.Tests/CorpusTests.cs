using System.Text.Json;
using System.Text.Json.Serialization;

namespace SiteBuilder.Validation.Tests;

/// <summary>
/// Runs every page under Corpus/ against its sibling <c>.expected.json</c>: the audits that fail must be exactly
/// <c>mustFail</c>; <c>mustPass</c> must apply and pass; <c>notApplicable</c> must not apply; finding counts,
/// score bounds, the pass flags and pinned contrast measurements must match.
/// </summary>
public class CorpusTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Corpus");
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { ReadCommentHandling = JsonCommentHandling.Skip };

    public static TheoryData<string> Pages() => [.. Directory.GetFiles(Folder, "*.html").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Pages))]
    public void PageMeetsItsExpectations(string page)
    {
        var expected = JsonSerializer.Deserialize<Expectation>(File.ReadAllText(Path.Combine(Folder, page + ".expected.json")), Json)!;
        var report = BrandValidator.Validate(File.ReadAllText(Path.Combine(Folder, page + ".html")), expected.Brand);

        var failed = report.Audits.Where(a => a.Applicable && !a.Passed).Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.MustFail.Order(StringComparer.Ordinal), failed);
        foreach (var id in expected.MustPass)
        {
            var audit = report.Audits.Single(a => a.Id == id);
            Assert.True(audit.Applicable && audit.Passed, $"{id} should apply and pass: {string.Join("; ", audit.Findings.Select(f => f.Message))}");
        }

        foreach (var id in expected.NotApplicable)
        {
            Assert.False(report.Audits.Single(a => a.Id == id).Applicable, $"{id} should not apply");
        }

        foreach (var (id, count) in expected.Findings)
        {
            Assert.Equal((id, count), (id, report.Audits.Single(a => a.Id == id).FindingCount));
        }

        Assert.InRange(report.BrandScore, expected.Score.Min, expected.Score.Max);
        if (expected.SecurityPassed is { } security)
        {
            Assert.Equal(security, report.SecurityPassed);
        }

        if (expected.AccessibilityPassed is { } accessibility)
        {
            Assert.Equal(accessibility, report.AccessibilityPassed);
        }

        foreach (var contrast in expected.Contrast)
        {
            var measured = report.Contrast.SingleOrDefault(c => c.Text == contrast.Text);
            Assert.True(measured is not null, $"no contrast measurement for \"{contrast.Text}\"; measured: {string.Join(" | ", report.Contrast.Select(c => c.Text))}");
            Assert.Equal(contrast.Passed, measured.Passed);
            if (contrast.Ratio is { } ratio)
            {
                Assert.Equal(ratio, measured.Ratio);
            }

            if (contrast.Foreground is { } foreground)
            {
                Assert.Equal(foreground, measured.Foreground);
            }

            if (contrast.Background is { } background)
            {
                Assert.Equal(background, measured.Background);
            }

            if (contrast.LargeText is { } large)
            {
                Assert.Equal(large, measured.LargeText);
            }
        }
    }

    [Fact]
    public void TheCorpusHasAtLeastThirtyPagesEachWithExpectationsNamingRealAudits()
    {
        var pages = Directory.GetFiles(Folder, "*.html").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        var expectations = Directory.GetFiles(Folder, "*.expected.json").Select(f => Path.GetFileName(f)[..^".expected.json".Length]).ToHashSet();

        Assert.True(pages.Count >= 30, $"{pages.Count} pages");
        Assert.Equal(pages.Order(), expectations.Order());
        var ids = BrandValidator.Audits.Select(a => a.Id).ToHashSet();
        foreach (var file in Directory.GetFiles(Folder, "*.expected.json"))
        {
            var expected = JsonSerializer.Deserialize<Expectation>(File.ReadAllText(file), Json)!;
            Assert.False(string.IsNullOrWhiteSpace(expected.Description), file);
            Assert.All(expected.MustFail.Concat(expected.MustPass).Concat(expected.NotApplicable).Concat(expected.Findings.Keys), id => Assert.Contains(id, ids));
        }
    }

    private sealed record Expectation(
        string Description,
        BrandAssets? Brand,
        IReadOnlyList<string> MustFail,
        IReadOnlyList<string> MustPass,
        ScoreRange Score,
        bool? SecurityPassed = null,
        bool? AccessibilityPassed = null)
    {
        public IReadOnlyList<string> NotApplicable { get; init; } = [];

        public IReadOnlyDictionary<string, int> Findings { get; init; } = new Dictionary<string, int>();

        public IReadOnlyList<ExpectedContrast> Contrast { get; init; } = [];
    }

    private sealed record ScoreRange(double Min, double Max);

    private sealed record ExpectedContrast(string Text, bool Passed, double? Ratio = null, string? Foreground = null, string? Background = null, bool? LargeText = null);
}
