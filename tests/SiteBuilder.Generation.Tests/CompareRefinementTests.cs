using SiteBuilder.Generation.Offline;
using SiteBuilder.Validation.Comparison;

namespace SiteBuilder.Generation.Tests;

/// <summary>Compare on the offline composer's own pages: a refinement reads as the sections and words it changed.</summary>
public sealed class CompareRefinementTests
{
    [Fact]
    public void ARefinementThatAddsPricingAndChangesTheHeadlineReadsAsExactlyThat()
    {
        var parent = TestPages.Compose(TestPages.SummerSale, "ecommerce-sale", null);
        var html = OfflineComposer.Compose(TestPages.Request("Add a pricing section and change the headline to \"Gear up for summer trails\"", "ecommerce-sale", null, parent));

        var comparison = PageComparison.Between(parent, html);

        var added = Assert.Single(comparison.Sections, s => s.Status == SectionStatus.Added);
        Assert.Equal(("#pricing", "Pricing"), (added.Key, added.Name));
        Assert.NotEmpty(added.Lines);
        var hero = comparison.Sections.Single(s => s.Key == "#hero");
        Assert.Equal(SectionStatus.Changed, hero.Status);
        var headline = hero.ChangedLines.First();
        Assert.Equal("Gear up for summer trails", headline.AfterText);
        Assert.Contains(headline.After, s => s.Changed);
        Assert.Equal(0, comparison.Removed);
        Assert.Contains(comparison.Sections, s => s.Key == "#faq" && s.Status == SectionStatus.Unchanged);

        var diff = HtmlDiff.Between(parent, html);
        Assert.DoesNotContain(diff.Lines, l => l.Text.Contains("&quot;", StringComparison.Ordinal));
        Assert.Contains(diff.Lines, l => l.Kind == HtmlDiff.Kind.Added && l.Text.Contains("Gear up for summer trails", StringComparison.Ordinal));
    }

    [Fact]
    public void AColourChangeAloneChangesNoText()
    {
        var parent = TestPages.Compose(TestPages.SummerSale, "ecommerce-sale", null);
        var html = OfflineComposer.Compose(TestPages.Request("use #2E7D32 as the primary colour", "ecommerce-sale", null, parent));

        Assert.NotEqual(parent, html);
        Assert.False(PageComparison.Between(parent, html).HasTextChanges);
        Assert.True(HtmlDiff.Between(parent, html).Added > 0);
    }
}
