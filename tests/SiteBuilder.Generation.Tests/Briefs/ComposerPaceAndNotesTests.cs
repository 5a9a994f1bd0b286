using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Sections;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Tests.Briefs;

/// <summary>The offline composer streams at a person's pace, and says in words what a refinement did when it did less than asked.</summary>
public sealed class ComposerPaceAndNotesTests
{
    private const string Ledgerly =
        "Create a landing page for Ledgerly, invoicing software for freelancers. Features: recurring invoices, automatic payment reminders, multi-currency support. Plans: Solo $9/month, Team $29/month.";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheHeadArrivesAtOnceAndEachSectionAfterThePace()
    {
        var clock = new FakeTimeProvider();
        var composer = new OfflineComposer(TimeSpan.FromMilliseconds(300), clock);
        var request = TestPages.Request(Ledgerly);
        await using var deltas = composer.StreamPageAsync(request, Ct).GetAsyncEnumerator(Ct);

        Assert.True(await deltas.MoveNextAsync());
        Assert.StartsWith("<!DOCTYPE html>", deltas.Current.Text, StringComparison.Ordinal);

        var next = deltas.MoveNextAsync().AsTask();
        await Task.Delay(50, Ct);
        Assert.False(next.IsCompleted, "a section arrived before the pace allowed it");
        clock.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(await next);
        Assert.Contains("<section id=\"hero\"", deltas.Current.Text, StringComparison.Ordinal);

        var sections = 1;
        while (true)
        {
            var more = deltas.MoveNextAsync().AsTask();
            while (!more.IsCompleted)
            {
                clock.Advance(TimeSpan.FromMilliseconds(300));
                await Task.Delay(1, Ct);
            }

            if (!await more)
            {
                break;
            }

            sections++;
        }

        // Every section and then the closing tags: the same page as composed at once.
        Assert.Equal(request.Layout.Sections.Count + 1, sections);
    }

    [Fact]
    public async Task AddingASectionThePageAlreadyHasSaysSoOnTheLastDelta()
    {
        var parent = TestPages.Compose(Ledgerly + " Add testimonials.");
        Assert.Contains("id=\"testimonials\"", parent, StringComparison.Ordinal);

        var deltas = await StreamAsync(TestPages.Request("add a testimonials section", parentHtml: parent));

        Assert.All(deltas.SkipLast(1), d => Assert.Null(d.Note));
        Assert.Equal("The page already had a testimonials section, so it was kept as it was.", deltas[^1].Note);
        Assert.Equal(parent, string.Concat(deltas.Select(d => d.Text)));
    }

    [Fact]
    public void AnInstructionTheComposerCannotReadSaysToSwitchToClaude()
    {
        var parent = TestPages.Compose(Ledgerly);

        var note = Refinement.Note(TestPages.Request("rewrite the copy so it sounds like Hemingway", parentHtml: parent));

        Assert.NotNull(note);
        Assert.StartsWith("The offline composer cannot apply “rewrite the copy so it sounds like Hemingway”", note, StringComparison.Ordinal);
        Assert.Contains("switch to Claude for free-form changes", note, StringComparison.Ordinal);
    }

    [Fact]
    public void RemovingASectionThePageDoesNotHaveSaysSo()
    {
        var parent = TestPages.Compose("Casa Lupe is a family-run taqueria in East Austin. Open 11am–10pm, closed Mondays.");

        Assert.Equal("The page had no FAQ section to remove.", Refinement.Note(TestPages.Request("remove the FAQ", parentHtml: parent)));
    }

    [Fact]
    public async Task AnInstructionAppliedInFullHasNoNote()
    {
        var parent = TestPages.Compose("Casa Lupe is a family-run taqueria in East Austin. Open 11am–10pm, closed Mondays.");

        var deltas = await StreamAsync(TestPages.Request("add an FAQ and make the hero darker", parentHtml: parent));

        Assert.All(deltas, d => Assert.Null(d.Note));
        Assert.Contains("id=\"faq\"", string.Concat(deltas.Select(d => d.Text)), StringComparison.Ordinal);
    }

    [Fact]
    public void TheRefinementPlanIsTheParentsSectionsWithTheInstructionApplied()
    {
        var parent = TestPages.Compose("Casa Lupe is a family-run taqueria in East Austin. Open 11am–10pm, closed Mondays.");
        var request = TestPages.Request("add an FAQ", parentHtml: parent);

        var plan = Refinement.PlanFor(request);
        var page = PageDesign.Read(OfflineComposer.Compose(request))!;

        Assert.Equal(page.Sections.Select(s => s.Kind), plan.Sections.Select(s => s.Kind));
        Assert.Contains(SectionKinds.Faq, plan.Sections.Select(s => s.Kind));
        Assert.Contains(SectionKinds.Menu, plan.Sections.Select(s => s.Kind));
        Assert.NotEqual(request.Layout.Sections.Select(s => s.Kind), plan.Sections.Select(s => s.Kind));
    }

    [Fact]
    public void TheBriefTravelsWithTheDesignSoARefinementKeepsWritingFromIt()
    {
        var parent = TestPages.Compose(Ledgerly);

        var refined = OfflineComposer.Compose(TestPages.Request("make the hero darker", parentHtml: parent));

        Assert.Equal("Ledgerly", PageDesign.Read(refined)!.Brief!.Name);
        Assert.Contains("Solo", refined, StringComparison.Ordinal);
        Assert.Contains("$29", refined, StringComparison.Ordinal);
    }

    private static async Task<List<PageDelta>> StreamAsync(PageRequest request)
    {
        var deltas = new List<PageDelta>();
        await foreach (var delta in new OfflineComposer().StreamPageAsync(request, Ct))
        {
            deltas.Add(delta);
        }

        return deltas;
    }
}
