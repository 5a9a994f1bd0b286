using System.Text.RegularExpressions;

namespace SiteBuilder.BrandAssets.Images;

/// <summary>What a logo or background should look like.</summary>
/// <param name="Kind">Logo or background.</param>
/// <param name="Prompt">The marketer's description, e.g. "Logo for Acme Coffee, a modern roastery".</param>
/// <param name="Style">The look to aim for.</param>
/// <param name="Colors">Brand colours as <c>#RRGGBB</c>, most important first; 1 to 5.</param>
/// <param name="Count">How many alternatives; 1 to 8.</param>
/// <param name="Width">Pixel width of each image.</param>
/// <param name="Height">Pixel height of each image.</param>
/// <param name="Seed">Same seed and request, same images; null for a fresh set.</param>
public sealed partial record ImageRequest(
    ImageKind Kind,
    string Prompt,
    ImageStyle Style,
    IReadOnlyList<string> Colors,
    int Count,
    int Width,
    int Height,
    long? Seed)
{
    public const int MaxPromptLength = 1000;
    public const int MaxColors = 5;
    public const int MaxCount = 8;
    public const int MinSide = 64;
    public const int MaxSide = 4096;
    public const long MaxSeed = uint.MaxValue - 1;

    /// <summary>
    /// Problems with the request by field, keyed by the API's JSON member names; empty when valid.
    /// The shape fits <c>TypedResults.ValidationProblem</c>.
    /// </summary>
    public IReadOnlyDictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (!Enum.IsDefined(Kind))
        {
            errors["kind"] = ["Choose a logo or a background."];
        }

        if (string.IsNullOrWhiteSpace(Prompt))
        {
            errors["prompt"] = ["Describe the image, for example \"Logo for Acme Coffee, a modern roastery\"."];
        }
        else if (Prompt.Length > MaxPromptLength)
        {
            errors["prompt"] = [$"Keep the description under {MaxPromptLength} characters."];
        }

        if (!Enum.IsDefined(Style))
        {
            errors["style"] = ["Choose one of modern, classic, playful, minimal or bold."];
        }

        if (Colors is null || Colors.Count is 0 or > MaxColors)
        {
            errors["colors"] = [$"Give between 1 and {MaxColors} brand colours."];
        }
        else
        {
            var bad = Colors.Where(c => c is null || !HexColor().IsMatch(c)).ToList();
            if (bad.Count > 0)
            {
                errors["colors"] = [$"Colours must look like #0066CC; not valid: {string.Join(", ", bad.Select(c => c ?? "(empty)"))}."];
            }
        }

        if (Count is < 1 or > MaxCount)
        {
            errors["count"] = [$"Ask for between 1 and {MaxCount} images."];
        }

        if (Width is < MinSide or > MaxSide)
        {
            errors["width"] = [$"Width must be between {MinSide} and {MaxSide} pixels."];
        }

        if (Height is < MinSide or > MaxSide)
        {
            errors["height"] = [$"Height must be between {MinSide} and {MaxSide} pixels."];
        }

        if (Seed is < 0 or > MaxSeed)
        {
            errors["seed"] = [$"The seed must be between 0 and {MaxSeed}."];
        }

        return errors;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming every problem when the request is not valid.</summary>
    public void EnsureValid()
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(
                "The image request is not valid: " + string.Join(" ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }

    [GeneratedRegex("^#[0-9A-Fa-f]{6}$")]
    private static partial Regex HexColor();
}
