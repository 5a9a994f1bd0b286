using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using SiteBuilder.BrandAssets.Images.Bedrock;

namespace SiteBuilder.BrandAssets;

public enum ImageProvider
{
    /// <summary>SVG logos and backgrounds drawn in-process (the embedded default; no cloud, no cost).</summary>
    Offline,
    /// <summary>A Bedrock image model: Stable Image Core, SD3.5 Large or Nova Canvas.</summary>
    Bedrock,
}

/// <summary><c>SiteBuilder:Images</c>: which model draws logos and backgrounds.</summary>
public sealed class ImagesOptions
{
    public const string Section = "SiteBuilder:Images";

    [EnumDataType(typeof(ImageProvider), ErrorMessage = "SiteBuilder:Images:Provider must be Offline or Bedrock.")]
    public ImageProvider Provider { get; set; } = ImageProvider.Offline;

    /// <summary>Used when <see cref="Provider"/> is Bedrock; credentials come from the AWS default chain (ECS task role, profile, environment).</summary>
    [Required(ErrorMessage = "SiteBuilder:Images:Bedrock is required.")]
    public BedrockImageOptions Bedrock { get; set; } = new();
}

/// <summary>
/// Checks the Bedrock settings when Bedrock is chosen, with messages that name the key: data annotations do not
/// look into the nested section, and a wrong model id should stop the app at start, not fail the first marketer.
/// </summary>
internal sealed partial class ImagesOptionsValidator : IValidateOptions<ImagesOptions>
{
    private const string Key = ImagesOptions.Section + ":Bedrock";

    public ValidateOptionsResult Validate(string? name, ImagesOptions options)
    {
        if (options.Provider != ImageProvider.Bedrock)
        {
            return ValidateOptionsResult.Success;
        }

        var bedrock = options.Bedrock;
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(bedrock.ModelId))
        {
            failures.Add($"{Key}:ModelId is required when {ImagesOptions.Section}:Provider is Bedrock.");
        }
        else if (!bedrock.ModelId.Contains("stability.", StringComparison.Ordinal) && !bedrock.ModelId.Contains("nova-canvas", StringComparison.Ordinal))
        {
            failures.Add($"{Key}:ModelId '{bedrock.ModelId}' is not a supported image model; use {BedrockImageModel.StableImageCore}, {BedrockImageModel.StableDiffusion35Large} or {BedrockImageModel.NovaCanvas}.");
        }

        if (string.IsNullOrWhiteSpace(bedrock.Region) || !Region().IsMatch(bedrock.Region))
        {
            failures.Add($"{Key}:Region must be an AWS region such as us-west-2 (Stability models are served there).");
        }

        if (bedrock.Endpoint is { } endpoint && (!endpoint.IsAbsoluteUri || endpoint.Scheme is not ("https" or "http") || (endpoint.Scheme == "http" && !endpoint.IsLoopback)))
        {
            failures.Add($"{Key}:Endpoint must be an https URL (plain http only on loopback, for a local fake).");
        }

        if (bedrock.MaxParallelCalls is < 1 or > 8)
        {
            failures.Add($"{Key}:MaxParallelCalls must be between 1 and 8.");
        }

        if (bedrock.CallTimeout < TimeSpan.FromSeconds(5) || bedrock.CallTimeout > TimeSpan.FromMinutes(10))
        {
            failures.Add($"{Key}:CallTimeout must be between 00:00:05 and 00:10:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[a-z]{2}(-gov)?-[a-z]+-\\d$")]
    private static partial Regex Region();
}
