namespace SiteBuilder.BrandAssets.Images;

/// <summary>
/// A failure of the image provider, classified so the API can map it to the seed's error codes.
/// <see cref="Exception.Message"/> is written for the marketer; <see cref="ProviderDetail"/> is for logs.
/// </summary>
public sealed class ImageModelException(ImageModelFailure failure, string message, string? providerDetail = null, Exception? inner = null)
    : Exception(message, inner)
{
    public ImageModelFailure Failure { get; } = failure;

    /// <summary>What the provider said (error type and message), for logs; never shown to users.</summary>
    public string? ProviderDetail { get; } = providerDetail;

    /// <summary>Throttling and unavailability may succeed on a later try; a filtered or failed request will not.</summary>
    public bool IsTransient => Failure is ImageModelFailure.Throttled or ImageModelFailure.Unavailable;
}

public enum ImageModelFailure
{
    /// <summary>The provider's safety filter blocked the prompt or the generated image.</summary>
    ContentFiltered,
    /// <summary>HTTP 429 / ThrottlingException: too many requests for the account's quota.</summary>
    Throttled,
    /// <summary>HTTP 503 / ServiceUnavailableException, timeouts, connection failures.</summary>
    Unavailable,
    /// <summary>Anything else: bad configuration, access denied, a malformed answer.</summary>
    Failed,
}
