using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.BrandAssets.Images.Bedrock;

/// <summary>
/// Which Bedrock image model to call and where. The region is separate from the application's region:
/// Stability models are served in us-west-2 even when the service runs elsewhere.
/// </summary>
public sealed record BedrockImageOptions
{
    /// <summary><c>stability.stable-image-core-v1:1</c>, <c>stability.sd3-5-large-v1:0</c> or <c>amazon.nova-canvas-v1:0</c>.</summary>
    [Required]
    public string ModelId { get; set; } = BedrockImageModel.StableImageCore;

    [Required]
    [RegularExpression("^[a-z]{2}(-gov)?-[a-z]+-\\d$", ErrorMessage = "The Bedrock image region must look like us-west-2.")]
    public string Region { get; set; } = "us-west-2";

    /// <summary>Overrides <c>https://bedrock-runtime.{Region}.amazonaws.com</c>, e.g. for a VPC endpoint or a local fake.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>How many single-image Stability calls run at once for one request.</summary>
    [Range(1, 8)]
    public int MaxParallelCalls { get; set; } = 3;

    /// <summary>How long one model call may take before it counts as unavailable.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
