namespace SiteBuilder.Generation.Providers.Tests;

public class MarkdownFenceStripperTests
{
    private const string Page = "<!DOCTYPE html>\n<html lang=\"en\"><body><h1>Sale</h1><code>a`b``c</code></body></html>\n";

    public static TheoryData<string> FencedForms() =>
    [
        "```html\n" + Page + "```",
        "```html\n" + Page + "```\n",
        "  \n```HTML\n" + Page + "```\nThat's the page.",
        "Here is your landing page:\n\n```html\n" + Page + "```",
        "```\n" + Page + "```",
    ];

    [Theory]
    [MemberData(nameof(FencedForms))]
    public void FenceIsRemovedWhateverWayTheTextIsSplit(string modelOutput)
    {
        for (var split = 0; split <= modelOutput.Length; split++)
        {
            Assert.Equal(Page, Strip(modelOutput[..split], modelOutput[split..]));
        }

        Assert.Equal(Page, Strip([.. modelOutput.Select(c => c.ToString())]));
    }

    [Fact]
    public void UnfencedDocumentPassesThroughUnchangedCharacterByCharacter()
    {
        Assert.Equal(Page, Strip([.. Page.Select(c => c.ToString())]));
    }

    [Fact]
    public void UnfencedDocumentIsNotHeldBack()
    {
        var stripper = new MarkdownFenceStripper();

        Assert.Equal("<!DOCTYPE html>", stripper.Push("<!DOCTYPE html>"));
        Assert.Equal("<html>", stripper.Push("<html>"));
    }

    [Fact]
    public void FencedContentStreamsAsItArrives()
    {
        var stripper = new MarkdownFenceStripper();

        Assert.Equal(string.Empty, stripper.Push("```ht"));
        Assert.Equal("<!DOCTYPE html>", stripper.Push("ml\n<!DOCTYPE html>"));
        Assert.Equal("<p>x</p>", stripper.Push("<p>x</p>`"));
        Assert.Equal("`<b>", stripper.Push("<b>"));
    }

    [Fact]
    public void FenceWithoutNewlineBeforeTheMarkupIsRemoved()
    {
        Assert.Equal("<html></html>", Strip("```html<html></html>```"));
    }

    [Fact]
    public void TextWithoutMarkupIsKeptAtTheEnd()
    {
        Assert.Equal("I cannot write that page.", Strip("I cannot ", "write that page."));
    }

    private static string Strip(params string[] deltas)
    {
        var stripper = new MarkdownFenceStripper();
        return string.Concat(deltas.Select(stripper.Push)) + stripper.Complete();
    }
}
