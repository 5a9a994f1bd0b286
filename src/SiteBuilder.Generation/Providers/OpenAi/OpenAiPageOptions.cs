using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Generation.Providers.OpenAi;

/// <summary>Settings of <see cref="OpenAiCompatiblePageModel"/> (bound from <c>SiteBuilder:Generation:OpenAi</c> by the host).</summary>
public sealed record OpenAiPageOptions
{
    /// <summary>The API root that <c>/chat/completions</c> hangs off: Ollama <c>http://localhost:11434/v1</c>, vLLM <c>http://host:8000/v1</c>, LM Studio <c>http://localhost:1234/v1</c>.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new("http://localhost:11434/v1");

    /// <summary>The served model's name, e.g. <c>qwen2.5-coder:14b</c>.</summary>
    [Required]
    public string Model { get; set; } = string.Empty;

    /// <summary>Bearer key for servers that check one; local servers ignore the placeholder sent without it.</summary>
    public string? ApiKey { get; set; }

    [Range(1, 1_000_000)]
    public int MaxTokens { get; set; } = 16000;

    [Range(0.0, 2.0)]
    public double? Temperature { get; set; }

    /// <summary>
    /// A stream that sends nothing for this long fails with <c>Timeout</c>. Longer than Bedrock's default
    /// because a local server may first load the model from disk before its first byte.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
