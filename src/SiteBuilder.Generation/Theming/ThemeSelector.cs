using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Theming;

/// <summary>
/// The <c>theme_selector</c> agent: a palette from the brand colours and typography from the template
/// and the prompt's tone. Deterministic: the same inputs give the same theme.
/// </summary>
/// <remarks>
/// The returned <see cref="Theme"/> keeps the brand colours as given in <see cref="Theme.Primary"/> and
/// <see cref="Theme.Secondary"/> for large surfaces. Every text colour is checked: <see cref="Theme.Text"/>,
/// <see cref="Theme.MutedText"/> and <see cref="Theme.Accent"/> (the brand colour shaded for text, links and
/// eyebrows) reach WCAG AA 4.5:1 on both <see cref="Theme.Background"/> and <see cref="Theme.Surface"/>, and
/// <see cref="Theme.OnPrimary"/> reaches it on <see cref="Theme.Primary"/>.
/// </remarks>
public static class ThemeSelector
{
    public const double MinimumTextContrast = 4.5;

    public static class Tones
    {
        public const string Playful = "playful";
        public const string Elegant = "elegant";
        public const string Bold = "bold";
        public const string Calm = "calm";
        public const string Professional = "professional";

        public static IReadOnlyList<string> All { get; } = [Playful, Elegant, Bold, Calm, Professional];
    }

    /// <summary>System font stacks only: the pages load no web fonts.</summary>
    public static class Fonts
    {
        public const string Sans = "system-ui, -apple-system, \"Segoe UI\", Roboto, \"Helvetica Neue\", Arial, \"Noto Sans\", sans-serif";
        public const string Display = "\"Avenir Next\", \"Segoe UI Variable Display\", \"Segoe UI\", \"Helvetica Neue\", system-ui, Arial, sans-serif";
        public const string Serif = "\"Iowan Old Style\", \"Palatino Linotype\", Palatino, \"Book Antiqua\", Georgia, \"Times New Roman\", serif";
        public const string Rounded = "ui-rounded, \"SF Pro Rounded\", \"Arial Rounded MT Bold\", Nunito, \"Varela Round\", system-ui, sans-serif";
        public const string Humanist = "Seravek, \"Gill Sans Nova\", Ubuntu, Calibri, \"DejaVu Sans\", source-sans-pro, system-ui, sans-serif";
        public const string Reading = "Charter, \"Bitstream Charter\", \"Sitka Text\", Cambria, Georgia, serif";
    }

    private static readonly (string Tone, string[] Words)[] ToneWords =
    [
        (Tones.Playful, ["playful", "fun", "funky", "quirky", "colorful", "colourful", "cheerful", "whimsical", "vibrant", "bubbly", "cute", "kids", "children", "party", "friendly", "joyful", "lighthearted", "silly"]),
        (Tones.Elegant, ["elegant", "luxury", "luxurious", "premium", "sophisticated", "refined", "classy", "upscale", "boutique", "timeless", "fine dining", "high-end", "exclusive", "chic", "artisan", "editorial", "graceful"]),
        (Tones.Bold, ["bold", "loud", "punchy", "striking", "dramatic", "edgy", "high-energy", "energetic", "urgent", "flash sale", "mega", "huge", "massive", "dynamic", "powerful", "intense", "daring"]),
        (Tones.Calm, ["calm", "minimal", "minimalist", "serene", "soft", "gentle", "peaceful", "relaxing", "wellness", "mindful", "natural", "organic", "airy", "zen", "spa", "yoga", "quiet", "soothing"]),
        (Tones.Professional, ["professional", "corporate", "enterprise", "trustworthy", "trusted", "business", "b2b", "serious", "formal", "clean", "credible", "reliable", "secure", "compliance"]),
    ];

    private static readonly Dictionary<string, (string Primary, string Secondary, string Tone)> TemplateDefaults = new(StringComparer.Ordinal)
    {
        ["ecommerce-sale"] = ("#E11D48", "#F59E0B", Tones.Bold),
        ["saas-product"] = ("#4F46E5", "#06B6D4", Tones.Professional),
        ["event"] = ("#7C3AED", "#F97316", Tones.Bold),
        ["restaurant"] = ("#9A3412", "#CA8A04", Tones.Elegant),
        ["portfolio"] = ("#1E293B", "#F43F5E", Tones.Elegant),
        ["app-launch"] = ("#2563EB", "#10B981", Tones.Playful),
        ["nonprofit"] = ("#15803D", "#F59E0B", Tones.Calm),
        ["newsletter"] = ("#0F766E", "#F97316", Tones.Calm),
        ["local-business"] = ("#0E7490", "#F59E0B", Tones.Professional),
    };

    /// <summary>The theme for a brand, a template and a prompt.</summary>
    public static Theme Select(BrandKit brand, PageTemplate template, string prompt)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(template);
        return Build(brand, template, InferTone(prompt, template), WantsDarkPage(prompt));
    }

    /// <summary>The theme for an explicit tone and light/dark page: refinement rebuilds themes with this.</summary>
    public static Theme Build(BrandKit brand, PageTemplate template, string tone, bool dark)
    {
        ArgumentNullException.ThrowIfNull(brand);
        ArgumentNullException.ThrowIfNull(template);
        if (!Tones.All.Contains(tone, StringComparer.Ordinal))
        {
            tone = DefaultTone(template);
        }

        var defaults = TemplateDefaults.GetValueOrDefault(template.Id, TemplateDefaults[TemplateCatalog.DefaultId]);
        var primary = RgbColor.TryParse(brand.PrimaryColor, out var p) ? p : RgbColor.Parse(defaults.Primary);
        RgbColor secondary;
        if (RgbColor.TryParse(brand.SecondaryColor, out var s))
        {
            secondary = s;
        }
        else if (RgbColor.TryParse(brand.PrimaryColor, out _))
        {
            secondary = DeriveSecondary(primary, tone);
        }
        else
        {
            secondary = RgbColor.Parse(defaults.Secondary);
        }

        var (background, surface, baseText) = dark ? DarkGround(primary) : LightGround(primary, tone);
        var text = baseText.EnsureContrast(7, background, surface);
        var muted = text.Mix(background, dark ? 0.32 : 0.38).EnsureContrast(MinimumTextContrast + 0.3, background, surface);
        var accent = primary.EnsureContrast(MinimumTextContrast, background, surface);
        var onPrimary = primary.ReadableText();
        var (heading, body) = Typography(template, tone);
        return new Theme(
            Primary: primary.ToHex(),
            Secondary: secondary.ToHex(),
            Accent: accent.ToHex(),
            Background: background.ToHex(),
            Surface: surface.ToHex(),
            Text: text.ToHex(),
            MutedText: muted.ToHex(),
            OnPrimary: onPrimary.ToHex(),
            HeadingFont: heading,
            BodyFont: body,
            Tone: tone);
    }

    /// <summary>The tone word the prompt leans to most, or the template's own tone.</summary>
    public static string InferTone(string? prompt, PageTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return FindTone(prompt) ?? DefaultTone(template);
    }

    /// <summary>The tone word a prompt or instruction names, if any ("make it more playful").</summary>
    public static string? FindTone(string? prompt)
    {
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return null;
        }

        var text = prompt.ToLowerInvariant();
        string? best = null;
        var bestScore = 0;
        foreach (var (tone, words) in ToneWords)
        {
            var score = words.Count(word => MentionsPositively(text, word));
            if (score > bestScore)
            {
                best = tone;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>"more playful" counts for playful; "less playful" and "not so playful" do not.</summary>
    private static bool MentionsPositively(string lowerText, string word)
    {
        var index = 0;
        while ((index = lowerText.IndexOf(word, index, StringComparison.Ordinal)) >= 0)
        {
            var end = index + word.Length;
            var bounded = (index == 0 || !char.IsLetterOrDigit(lowerText[index - 1])) && (end == lowerText.Length || !char.IsLetterOrDigit(lowerText[end]));
            if (bounded)
            {
                var before = lowerText[..index].TrimEnd();
                var negated = before.EndsWith("less", StringComparison.Ordinal) || before.EndsWith("not", StringComparison.Ordinal)
                    || before.EndsWith("no", StringComparison.Ordinal) || before.EndsWith("not so", StringComparison.Ordinal)
                    || before.EndsWith("not as", StringComparison.Ordinal) || before.EndsWith("too", StringComparison.Ordinal);
                if (!negated)
                {
                    return true;
                }
            }

            index = end;
        }

        return false;
    }

    public static string DefaultTone(PageTemplate template) =>
        TemplateDefaults.TryGetValue(template.Id, out var defaults) ? defaults.Tone : Tones.Professional;

    /// <summary>Whether the prompt asks for a dark page ("dark mode", "dark theme", "dark background").</summary>
    public static bool WantsDarkPage(string? prompt) =>
        prompt is not null && DarkPhrases.Any(phrase => TemplateCatalog.Mentions(prompt.ToLowerInvariant(), phrase));

    internal static readonly string[] DarkPhrases = ["dark mode", "dark theme", "dark background", "dark page", "dark design", "dark look", "night mode", "all black", "moody"];

    /// <summary>True when the theme was built for a dark page.</summary>
    public static bool IsDark(Theme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        return RgbColor.Parse(theme.Background).IsDark;
    }

    /// <summary>
    /// A second brand colour when only one is given: a near-complement for bold and playful pages, a
    /// neighbouring hue for calmer ones, where a complement would shout.
    /// </summary>
    private static RgbColor DeriveSecondary(RgbColor primary, string tone)
    {
        var (h, s, l) = primary.ToHsl();
        if (s < 0.12)
        {
            // A grey or black brand: pick a warm accent so badges still stand out.
            return RgbColor.Parse("#F59E0B");
        }

        var shift = tone is Tones.Bold or Tones.Playful ? 150 : 40;
        return RgbColor.FromHsl(h + shift, Math.Clamp(s, 0.55, 0.9), Math.Clamp(l, 0.45, 0.58));
    }

    private static (RgbColor Background, RgbColor Surface, RgbColor Text) LightGround(RgbColor primary, string tone)
    {
        var paper = tone == Tones.Elegant ? RgbColor.Parse("#FBF9F5") : RgbColor.White;
        var tint = tone switch
        {
            Tones.Playful => 0.06,
            Tones.Calm => 0.035,
            Tones.Elegant => 0.015,
            Tones.Bold => 0.0,
            _ => 0.02,
        };
        var background = paper.Mix(primary, tint);
        var surface = paper.Mix(primary, tint + 0.05);
        var text = RgbColor.Ink.Mix(primary, 0.14);
        return (background, surface, text);
    }

    private static (RgbColor Background, RgbColor Surface, RgbColor Text) DarkGround(RgbColor primary)
    {
        var background = RgbColor.Parse("#0B0F19").Mix(primary, 0.10);
        var surface = RgbColor.Parse("#141A29").Mix(primary, 0.14);
        var text = RgbColor.Parse("#F5F7FB").Mix(primary, 0.05);
        return (background, surface, text);
    }

    private static (string Heading, string Body) Typography(PageTemplate template, string tone)
    {
        var heading = tone switch
        {
            Tones.Playful => Fonts.Rounded,
            Tones.Elegant => Fonts.Serif,
            Tones.Bold => Fonts.Display,
            Tones.Calm => Fonts.Humanist,
            _ => Fonts.Sans,
        };
        var body = template.Id switch
        {
            "newsletter" => Fonts.Reading,
            _ when tone == Tones.Calm => Fonts.Humanist,
            _ => Fonts.Sans,
        };
        return (heading, body);
    }
}
