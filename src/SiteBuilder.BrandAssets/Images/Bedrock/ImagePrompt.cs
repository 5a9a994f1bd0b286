using SiteBuilder.BrandAssets.Images.Offline;

namespace SiteBuilder.BrandAssets.Images.Bedrock;

/// <summary>
/// The marketer's prompt with the style and brand colours woven in. Image models follow colour names better
/// than hex codes, so each colour goes in as both. No negations in the positive text: Nova Canvas reads
/// "no text" as a request for text; unwanted things go in the negative prompt.
/// </summary>
internal static class ImagePrompt
{
    public static (string Positive, string Negative) Compose(ImageRequest request, int maxLength)
    {
        var colours = string.Join(", ", request.Colors.Select(c => $"{Name(RgbColor.Parse(c))} ({c.ToUpperInvariant()})"));
        var (lead, tail, negative) = request.Kind == ImageKind.Logo
            ? ($"{StyleWords(request.Style)} vector logo design.",
               $"Brand colours: {colours}. Flat shapes, crisp edges, centred on a plain white background, generous margins, simple enough to read at small sizes.",
               "photo, photorealistic, 3d render, mockup, busy background, gradient noise, blurry, distorted letters, misspelled text, watermark, signature, low quality")
            : ($"{StyleWords(request.Style)} abstract website hero background.",
               $"Colour palette: {colours}. Wide composition, calm area for a headline, soft depth, high resolution.",
               "text, letters, words, typography, logo, watermark, people, faces, hands, busy clutter, blurry, low quality");

        var room = maxLength - lead.Length - tail.Length - 2;
        var prompt = request.Prompt.Trim();
        if (prompt.Length > room)
        {
            prompt = prompt[..Math.Max(0, room - 1)].TrimEnd() + "…";
        }

        return ($"{lead} {prompt} {tail}", negative);
    }

    private static string StyleWords(ImageStyle style) => style switch
    {
        ImageStyle.Classic => "Classic, timeless, elegant",
        ImageStyle.Playful => "Playful, friendly, colourful",
        ImageStyle.Minimal => "Minimal, clean, understated",
        ImageStyle.Bold => "Bold, high-contrast, confident",
        _ => "Modern, sleek, professional",
    };

    /// <summary>A plain-English name such as "deep blue" or "pale orange".</summary>
    internal static string Name(RgbColor colour)
    {
        var (h, s, l) = colour.ToHsl();
        if (l < 0.1)
        {
            return "black";
        }

        if (l > 0.95)
        {
            return "white";
        }

        if (s < 0.12)
        {
            return l < 0.35 ? "charcoal grey" : l > 0.75 ? "light grey" : "grey";
        }

        var hue = h switch
        {
            < 12 or >= 345 => "red",
            < 35 => l < 0.4 ? "brown" : "orange",
            < 50 => l < 0.4 ? "olive brown" : "amber",
            < 65 => "yellow",
            < 85 => "lime green",
            < 150 => "green",
            < 175 => "teal",
            < 195 => "cyan",
            < 215 => "sky blue",
            < 245 => "blue",
            < 265 => "indigo",
            < 290 => "purple",
            < 320 => "magenta",
            _ => "pink",
        };
        var shade = l < 0.3 ? "deep " : l > 0.75 ? "pale " : s < 0.35 ? "muted " : string.Empty;
        return shade + hue;
    }
}
