using System.Text;
using AngleSharp.Dom;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Sanitizing;

namespace SiteBuilder.Generation.Tests.Sanitizing;

public sealed class StreamingHtmlSanitizerTests
{
    [Fact]
    public void TheCorpusIsBigAndItsNamesAreUnique()
    {
        Assert.True(AttackCorpus.All.Count >= 40);
        Assert.Equal(AttackCorpus.All.Count, AttackCorpus.All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(AttackCorpus.Names), MemberType = typeof(AttackCorpus))]
    public void NothingDangerousSurvivesAndThePageAroundTheAttackDoes(string name)
    {
        var attack = AttackCorpus.Get(name);

        var clean = StreamingHtmlSanitizer.Sanitize(attack.Page);

        Assert.Empty(BrowserView.Dangers(clean));
        AssertKeepsThePage(attack, clean);
    }

    [Theory]
    [MemberData(nameof(AttackCorpus.Names), MemberType = typeof(AttackCorpus))]
    public void TheWholeDocumentSanitizerIsAsStrict(string name)
    {
        var attack = AttackCorpus.Get(name);

        var clean = GeneratedHtmlSanitizer.Sanitize(attack.Page);

        Assert.Empty(BrowserView.Dangers(clean));
        AssertKeepsThePage(attack, clean);
    }

    [Theory]
    [MemberData(nameof(AttackCorpus.Names), MemberType = typeof(AttackCorpus))]
    public void SplittingTheInputAnywhereGivesTheSameOutput(string name)
    {
        var page = AttackCorpus.Get(name).Page;
        var whole = StreamingHtmlSanitizer.Sanitize(page);

        Assert.Equal(whole, Stream(page.Select(c => c.ToString())));
        for (var seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            Assert.Equal(whole, Stream(Splits(page, random, maxPiece: 1 + random.Next(40))));
        }
    }

    [Theory]
    [MemberData(nameof(AttackCorpus.Names), MemberType = typeof(AttackCorpus))]
    public void SanitizingTheOutputAgainChangesNothing(string name)
    {
        var clean = StreamingHtmlSanitizer.Sanitize(AttackCorpus.Get(name).Page);

        Assert.Equal(clean, StreamingHtmlSanitizer.Sanitize(clean));
    }

    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    public void TheComposersPagesStreamThroughUnchangedInSubstance(string templateId, string prompt)
    {
        foreach (var brand in new[] { new BrandKit(), new BrandKit("#0066CC", "#FF6600") })
        {
            var page = TestPages.Compose(prompt, templateId, brand);

            var clean = StreamingHtmlSanitizer.Sanitize(page);

            Assert.Equal(BrowserView.Shape(page), BrowserView.Shape(clean));
            Assert.Empty(BrowserView.Dangers(clean));
            Assert.NotNull(PageDesign.Read(clean));
        }
    }

    [Theory]
    [MemberData(nameof(TestPages.PromptPerTemplate), MemberType = typeof(TestPages))]
    public void TheComposersPagesGiveTheSameOutputHoweverTheyAreSplit(string templateId, string prompt)
    {
        var request = TestPages.Request(prompt, templateId);
        var page = OfflineComposer.Compose(request);
        var whole = StreamingHtmlSanitizer.Sanitize(page);

        // As the composer streams it (head, each section, closing tags), one character at a time, and at random.
        Assert.Equal(whole, Stream(OfflineComposer.ComposeParts(request)));
        Assert.Equal(whole, Stream(page.Select(c => c.ToString())));
        for (var seed = 0; seed < 5; seed++)
        {
            var random = new Random(seed);
            Assert.Equal(whole, Stream(Splits(page, random, maxPiece: 1 + random.Next(300))));
        }
    }

    [Fact]
    public void ARefinedPageStreamsThroughUnchangedInSubstance()
    {
        var parent = TestPages.Compose(TestPages.SummerSale);
        var refined = OfflineComposer.Compose(TestPages.Request("add a pricing section, make it more playful and change the headline to \"Tents & more: <50% off>\"", parentHtml: parent));

        Assert.Equal(BrowserView.Shape(refined), BrowserView.Shape(StreamingHtmlSanitizer.Sanitize(refined)));
    }

    [Fact]
    public void EveryPieceItReturnsIsFinal()
    {
        // What Push returns has gone to the client: later input must never need to change it.
        var page = AttackCorpus.Get("style-block-breakout").Page;
        var sanitizer = new StreamingHtmlSanitizer();
        var output = new StringBuilder();
        foreach (var piece in Splits(page, new Random(7), maxPiece: 5))
        {
            var before = output.ToString();
            output.Append(sanitizer.Push(piece));
            Assert.StartsWith(before, output.ToString(), StringComparison.Ordinal);
        }

        output.Append(sanitizer.Complete());
        Assert.Equal(StreamingHtmlSanitizer.Sanitize(page), output.ToString());
    }

    [Fact]
    public void AnUnclosedStyleBlockIsCleanedAndClosedAtTheEnd()
    {
        var clean = StreamingHtmlSanitizer.Sanitize(AttackCorpus.Get("unclosed-style-at-end").Page);

        Assert.EndsWith("<style>.x{}.y{color:red}</style>", clean, StringComparison.Ordinal);
    }

    private static void AssertKeepsThePage(AttackCase attack, string clean)
    {
        using var document = BrowserView.Parse(clean);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Spring Sale", document.Title);
        Assert.Equal("Spring Sale", Text(document, "header.site-header h1.title"));
        Assert.Contains(".hero{color:#0066CC;display:grid;gap:clamp(1rem,2vw,2rem)}", document.QuerySelector("head style")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("meta[charset=utf-8]"));
        Assert.NotNull(document.QuerySelector("main#main section.hero[aria-label=Offer]"));
        if (!attack.AtEnd)
        {
            Assert.Equal("Free shipping on every order.", Text(document, "main p.after"));
            Assert.Equal("every", Text(document, "p.after strong"));
            Assert.Equal("© Acme", Text(document, "footer p"));
        }

        foreach (var keep in attack.Keeps)
        {
            var equals = keep.IndexOf('=', keep.LastIndexOf(']') + 1);
            var selector = equals < 0 ? keep : keep[..equals];
            Assert.True(document.QuerySelector(selector) is not null, $"'{selector}' is gone from: {clean}");
            if (equals >= 0)
            {
                Assert.Equal(keep[(equals + 1)..], Text(document, selector));
            }
        }
    }

    private static string? Text(IParentNode document, string selector) => document.QuerySelector(selector)?.TextContent.Trim();

    private static string Stream(IEnumerable<string> pieces)
    {
        var sanitizer = new StreamingHtmlSanitizer();
        var output = new StringBuilder();
        foreach (var piece in pieces)
        {
            output.Append(sanitizer.Push(piece));
        }

        return output.Append(sanitizer.Complete()).ToString();
    }

    private static IEnumerable<string> Splits(string text, Random random, int maxPiece)
    {
        for (var start = 0; start < text.Length;)
        {
            var length = Math.Min(text.Length - start, 1 + random.Next(maxPiece));
            yield return text.Substring(start, length);
            start += length;
        }
    }
}
