using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Generation.Providers.Bedrock;

/// <summary>Settings of <see cref="BedrockPageModel"/> (bound from <c>SiteBuilder:Generation:Bedrock</c> by the host).</summary>
public sealed record BedrockPageOptions
{
    /// <summary>
    /// The global cross-region inference profile: on-demand Sonnet 4.5 needs a profile, and the global one
    /// routes to any commercial region with capacity, which gives the most headroom before throttling and
    /// is priced below the geographic (<c>us.</c>, <c>eu.</c>, <c>jp.</c>) profiles. Tenants that must keep
    /// inference inside a geography set one of those instead.
    /// </summary>
    public const string DefaultModelId = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    public const string DefaultRegion = "us-east-1";

    /// <summary>Model or inference-profile id (or ARN) sent in the <c>/model/{modelId}/…</c> path.</summary>
    [Required]
    public string ModelId { get; set; } = DefaultModelId;

    /// <summary>The Bedrock region the requests go to and are signed for; independent of the app's own AWS region.</summary>
    [Required]
    public string Region { get; set; } = DefaultRegion;

    /// <summary>Overrides <c>https://bedrock-runtime.{Region}.amazonaws.com</c>: a VPC endpoint, or a local fake in tests. Scheme and authority only.</summary>
    public Uri? Endpoint { get; set; }

    [Range(1, 64000)]
    public int MaxTokens { get; set; } = 16000;

    /// <summary>Sampling temperature 0–1; null leaves the model's default.</summary>
    [Range(0.0, 1.0)]
    public double? Temperature { get; set; }

    /// <summary>A stream that sends nothing for this long (time to first byte included) fails with <c>Timeout</c>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(20);
}
