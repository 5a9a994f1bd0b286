using SiteBuilder.Generation.Templates;
using SiteBuilder.Generation.Theming;

namespace SiteBuilder.Generation.Offline;

/// <summary>How the hero is painted: a light tint, the brand colour, or a deep brand-tinted night.</summary>
public enum HeroStyle
{
    Light,
    Brand,
    Dark,
}

/// <summary>A text colour and the background it is drawn on; the composer keeps every one at 4.5:1 or more.</summary>
public sealed record ColorPair(string Name, RgbColor Foreground, RgbColor Background)
{
    public double Contrast => RgbColor.Contrast(Foreground, Background);
}

/// <summary>
/// Every colour the composed page uses, derived from the theme. The theme's text colours are re-checked
/// here, so a theme built elsewhere (or edited by hand) still yields a page whose text reaches WCAG AA.
/// </summary>
public sealed class PagePalette
{
    private const double Aa = ThemeSelector.MinimumTextContrast;

    private PagePalette()
    {
    }

    public RgbColor Primary { get; private init; }
    public RgbColor PrimaryHover { get; private init; }
    public RgbColor PrimaryDeep { get; private init; }
    public RgbColor OnPrimary { get; private init; }
    public RgbColor Secondary { get; private init; }
    public RgbColor OnSecondary { get; private init; }
    public RgbColor Accent { get; private init; }
    public RgbColor Background { get; private init; }
    public RgbColor Surface { get; private init; }
    public RgbColor Text { get; private init; }
    public RgbColor Muted { get; private init; }
    public RgbColor Border { get; private init; }
    public RgbColor Tint { get; private init; }
    public RgbColor HeroFrom { get; private init; }
    public RgbColor HeroTo { get; private init; }
    public RgbColor HeroText { get; private init; }
    public RgbColor HeroMuted { get; private init; }
    public RgbColor HeroButton { get; private init; }
    public RgbColor HeroButtonText { get; private init; }
    public RgbColor InverseButton { get; private init; }
    public RgbColor InverseButtonText { get; private init; }
    public RgbColor Footer { get; private init; }
    public RgbColor FooterText { get; private init; }
    public RgbColor FooterMuted { get; private init; }
    public bool IsDarkPage { get; private init; }

    /// <summary>Every (text, background) combination the page's CSS puts on screen.</summary>
    public IReadOnlyList<ColorPair> TextPairs { get; private init; } = [];

    /// <summary>The CSS custom properties the stylesheet reads, in a stable order.</summary>
    public IReadOnlyList<(string Name, RgbColor Value)> CssVariables =>
    [
        ("--primary", Primary), ("--primary-hover", PrimaryHover), ("--primary-deep", PrimaryDeep), ("--on-primary", OnPrimary),
        ("--secondary", Secondary), ("--on-secondary", OnSecondary), ("--accent", Accent),
        ("--bg", Background), ("--surface", Surface), ("--text", Text), ("--muted", Muted), ("--border", Border), ("--tint", Tint),
        ("--hero-from", HeroFrom), ("--hero-to", HeroTo), ("--hero-text", HeroText), ("--hero-muted", HeroMuted),
        ("--hero-button", HeroButton), ("--hero-button-text", HeroButtonText),
        ("--inverse-button", InverseButton), ("--inverse-button-text", InverseButtonText),
        ("--footer", Footer), ("--footer-text", FooterText), ("--footer-muted", FooterMuted),
    ];

    public static PagePalette From(Theme theme, HeroStyle hero)
    {
        ArgumentNullException.ThrowIfNull(theme);
        var background = Parse(theme.Background, RgbColor.White);
        var surface = Parse(theme.Surface, background);
        var dark = background.IsDark;
        var primary = Parse(theme.Primary, RgbColor.Parse("#4F46E5"));
        var secondary = Parse(theme.Secondary, primary);
        var text = Parse(theme.Text, dark ? RgbColor.White : RgbColor.Ink).EnsureContrast(Aa, background, surface);
        var muted = Parse(theme.MutedText, text).EnsureContrast(Aa, background, surface);
        var accent = Parse(theme.Accent, primary).EnsureContrast(Aa, background, surface);
        var onPrimary = Parse(theme.OnPrimary, primary.ReadableText());
        if (RgbColor.Contrast(onPrimary, primary) < Aa)
        {
            onPrimary = primary.ReadableText();
        }

        // Shading away from the text colour only ever raises the contrast with it.
        var awayFromOnPrimary = onPrimary.IsDark ? RgbColor.White : RgbColor.Black;
        var primaryHover = primary.Mix(awayFromOnPrimary, 0.14);
        var primaryDeep = primary.Mix(awayFromOnPrimary, 0.28);
        var onSecondary = secondary.ReadableText();
        var tint = background.Mix(primary, dark ? 0.22 : 0.12);
        var border = text.Mix(background, dark ? 0.78 : 0.86);

        RgbColor heroFrom, heroTo, heroText, heroMuted, heroButton, heroButtonText;
        switch (hero)
        {
            case HeroStyle.Brand:
                heroFrom = primary;
                heroTo = primaryDeep;
                heroText = onPrimary;
                heroMuted = onPrimary.Mix(primary, 0.12).EnsureContrast(Aa, heroFrom, heroTo);
                heroButton = onPrimary;
                heroButtonText = primary.EnsureContrast(Aa, onPrimary);
                break;
            case HeroStyle.Dark:
                heroFrom = DeepNight(RgbColor.Ink.Mix(primary, 0.16));
                heroTo = DeepNight(RgbColor.Ink.Mix(primary, 0.42));
                heroText = RgbColor.White.Mix(primary, 0.03).EnsureContrast(7, heroFrom, heroTo);
                heroMuted = heroText.Mix(heroFrom, 0.26).EnsureContrast(Aa, heroFrom, heroTo);
                heroButton = primary;
                heroButtonText = onPrimary;
                break;
            default:
                heroFrom = surface;
                heroTo = surface.Mix(primary, dark ? 0.12 : 0.10);
                heroText = text.EnsureContrast(7, heroFrom, heroTo);
                heroMuted = muted.EnsureContrast(Aa, heroFrom, heroTo);
                heroButton = primary;
                heroButtonText = onPrimary;
                break;
        }

        var footer = dark ? background.Mix(RgbColor.Black, 0.35) : RgbColor.Ink.Mix(primary, 0.14);
        var footerText = RgbColor.White.Mix(primary, 0.04).EnsureContrast(7, footer);
        var footerMuted = footerText.Mix(footer, 0.3).EnsureContrast(Aa, footer);
        var inverseButton = onPrimary;
        var inverseButtonText = primary.EnsureContrast(Aa, onPrimary);

        var palette = new PagePalette
        {
            Primary = primary,
            PrimaryHover = primaryHover,
            PrimaryDeep = primaryDeep,
            OnPrimary = onPrimary,
            Secondary = secondary,
            OnSecondary = onSecondary,
            Accent = accent,
            Background = background,
            Surface = surface,
            Text = text,
            Muted = muted,
            Border = border,
            Tint = tint,
            HeroFrom = heroFrom,
            HeroTo = heroTo,
            HeroText = heroText,
            HeroMuted = heroMuted,
            HeroButton = heroButton,
            HeroButtonText = heroButtonText,
            InverseButton = inverseButton,
            InverseButtonText = inverseButtonText,
            Footer = footer,
            FooterText = footerText,
            FooterMuted = footerMuted,
            IsDarkPage = dark,
            TextPairs =
            [
                new("text on background", text, background),
                new("text on surface", text, surface),
                new("muted on background", muted, background),
                new("muted on surface", muted, surface),
                new("accent on background", accent, background),
                new("accent on surface", accent, surface),
                new("background on text (skip link)", background, text),
                new("on-primary on primary", onPrimary, primary),
                new("on-primary on primary hover", onPrimary, primaryHover),
                new("on-primary on primary deep", onPrimary, primaryDeep),
                new("on-secondary on secondary", onSecondary, secondary),
                new("hero text on hero start", heroText, heroFrom),
                new("hero text on hero end", heroText, heroTo),
                new("hero muted on hero start", heroMuted, heroFrom),
                new("hero muted on hero end", heroMuted, heroTo),
                new("hero button text on hero button", heroButtonText, heroButton),
                new("inverse button text on inverse button", inverseButtonText, inverseButton),
                new("footer text on footer", footerText, footer),
                new("footer muted on footer", footerMuted, footer),
            ],
        };
        return palette;
    }

    /// <summary>Darkens until white text would reach 7:1, so the dark hero stays dark for any brand colour.</summary>
    private static RgbColor DeepNight(RgbColor color)
    {
        for (var step = 0; step <= 20 && RgbColor.Contrast(RgbColor.White, color) < 7; step++)
        {
            color = color.Mix(RgbColor.Ink, 0.15);
        }

        return color;
    }

    private static RgbColor Parse(string? value, RgbColor fallback) => RgbColor.TryParse(value, out var color) ? color : fallback;
}
