using Bunit;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using SiteBuilder.Portal.Components.Shared;

namespace SiteBuilder.Portal.Tests.Workspace;

/// <summary>The hex colour field: typing and pasting in the usual spellings, a message for anything else, the picker as an option.</summary>
public sealed class HexColorFieldTests : MudComponentTest
{
    [Theory]
    [InlineData("#1a2b3c", "#1A2B3C")]
    [InlineData("1a2b3c", "#1A2B3C")]
    [InlineData("  #1A2B3C ", "#1A2B3C")]
    [InlineData("#abc", "#AABBCC")]
    [InlineData("abc", "#AABBCC")]
    public void TypedOrPastedHexBecomesTheColour(string typed, string expected)
    {
        string? value = "#000000";
        var field = Render<HexColorField>(p => p.Add(c => c.Label, "Primary colour").Add(c => c.Value, value).Add(c => c.ValueChanged, v => value = v));

        field.Find("input").Change(typed);

        Assert.Equal(expected, value);
        Assert.Equal(expected, field.Find("input").GetAttribute("value"));
        Assert.DoesNotContain("not a hex colour", field.Markup, StringComparison.Ordinal);
        Assert.Contains($"--swatch:{expected}", field.Find("button.hex-swatch").GetAttribute("style"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#12345")]
    [InlineData("blue")]
    [InlineData("#1a2b3g")]
    public void AnythingElseSaysWhatIsExpectedAndKeepsTheColour(string typed)
    {
        string? value = "#0066CC";
        var calls = 0;
        var field = Render<HexColorField>(p => p.Add(c => c.Label, "Primary colour").Add(c => c.Value, value).Add(c => c.ValueChanged, v => { value = v; calls++; }));

        field.Find("input").Change(typed);

        Assert.Equal(("#0066CC", 0), (value, calls));
        Assert.Contains($"“{typed}” is not a hex colour", field.Find(".mud-input-helper-text").TextContent, StringComparison.Ordinal);
        Assert.Equal(typed, field.Find("input").GetAttribute("value"));
        Assert.Equal("true", field.Find("input").GetAttribute("aria-invalid"));
    }

    [Fact]
    public void AnEmptyFieldMeansNoColour()
    {
        string? value = "#0066CC";
        var field = Render<HexColorField>(p => p.Add(c => c.Label, "Primary colour").Add(c => c.Value, value).Add(c => c.ValueChanged, v => value = v));

        field.Find("input").Change("");

        Assert.Null(value);
        Assert.Contains("hex-swatch-empty", field.Find("button.hex-swatch").ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePickerOpensFromTheSwatchAndClosesOnEscapeOnAClickOutsideAndOnDone()
    {
        var popovers = Render<MudPopoverProvider>();
        var field = Render<HexColorField>(p => p.Add(c => c.Label, "Primary colour").Add(c => c.Value, "#0066CC").Add(c => c.TestId, "primary-color"));
        var swatch = () => field.Find("[data-testid=primary-color-picker]");
        Assert.Empty(popovers.FindAll("[data-testid=primary-color-dialog]"));
        Assert.Equal("false", swatch().GetAttribute("aria-expanded"));

        swatch().Click();
        popovers.WaitForElement("[data-testid=primary-color-dialog]");
        Assert.Equal("true", swatch().GetAttribute("aria-expanded"));
        Assert.NotEmpty(popovers.FindAll("[data-testid=primary-color-dialog] .mud-picker-color-picker"));
        popovers.Find("[data-testid=primary-color-dialog]").KeyDown(new KeyboardEventArgs { Key = "Escape" });
        popovers.WaitForAssertion(() => Assert.Empty(popovers.FindAll("[data-testid=primary-color-dialog]")));
        Assert.Equal("false", swatch().GetAttribute("aria-expanded"));

        swatch().Click();
        popovers.WaitForElement("[data-testid=primary-color-dialog]");
        // The transparent overlay under the picker takes a click anywhere else on the page.
        popovers.Find("[data-testid=primary-color-outside]").Click();
        popovers.WaitForAssertion(() => Assert.Empty(popovers.FindAll("[data-testid=primary-color-dialog]")));

        swatch().Click();
        popovers.WaitForElement("[data-testid=primary-color-dialog]");
        popovers.FindAll("[data-testid=primary-color-dialog] button").Single(b => b.TextContent.Trim() == "Done").Click();
        popovers.WaitForAssertion(() => Assert.Empty(popovers.FindAll("[data-testid=primary-color-dialog]")));
    }

    [Fact]
    public void ReadAcceptsTheUsualSpellingsOnly()
    {
        Assert.Equal(("#1A2B3C", null), HexColorField.Read("#1a2b3c"));
        Assert.Equal((null, null), HexColorField.Read("   "));
        Assert.NotNull(HexColorField.Read("#1a2b3c4d").Error);
    }
}
