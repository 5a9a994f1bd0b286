using System.ComponentModel.DataAnnotations;

namespace SiteBuilder.Generation.Pipeline;

public enum PageProvider
{
    /// <summary>The offline composer: real pages from a section library, no cloud (the default).</summary>
    Offline,
    /// <summary>Claude Sonnet 4.5 on AWS Bedrock.</summary>
    Bedrock,
    /// <summary>Any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio).</summary>
    OpenAi,
}

/// <summary><c>SiteBuilder:Generation</c>.</summary>
public sealed class GenerationOptions
{
    public const string Section = "SiteBuilder:Generation";

    [EnumDataType(typeof(PageProvider), ErrorMessage = "SiteBuilder:Generation:Provider must be Offline, Bedrock or OpenAi.")]
    public PageProvider Provider { get; set; } = PageProvider.Offline;

    /// <summary>The longest a generation may take to its last chunk.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:30:00", ErrorMessage = "SiteBuilder:Generation:Timeout must be between 1 second and 30 minutes.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Attempts at a throttled or unavailable model before the first chunk (1 = no retry).</summary>
    [Range(1, 10, ErrorMessage = "SiteBuilder:Generation:MaxAttempts must be between 1 and 10.")]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>The first retry waits about this long (with jitter); each further retry twice as long.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "SiteBuilder:Generation:RetryDelay must be at most one minute.")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often a running generation proves it is alive (and checks for a cancel asked on another instance).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00", ErrorMessage = "SiteBuilder:Generation:HeartbeatInterval must be between 0.1 and 60 seconds.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>A generation not heard from for this long was interrupted (its instance crashed or stopped) and is marked failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "SiteBuilder:Generation:StaleAfter must be between 1 second and 1 hour.")]
    public TimeSpan StaleAfter { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The offline composer's pause before each section, so a page grows in the preview the way a model's does (0: all at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05", ErrorMessage = "SiteBuilder:Generation:OfflineSectionDelay must be between 0 and 5 seconds.")]
    public TimeSpan OfflineSectionDelay { get; set; } = TimeSpan.FromMilliseconds(300);
}
