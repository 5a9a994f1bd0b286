namespace SiteBuilder.TestSupport.FakeBedrockImages;

/// <summary>How the fake answers correctly signed, well-formed requests.</summary>
public enum FakeImageReply
{
    /// <summary>200 with real PNGs of the size the model would produce.</summary>
    Images,

    /// <summary>429 ThrottlingException, as when the account's quota is used up.</summary>
    Throttled,

    /// <summary>503 ServiceUnavailableException.</summary>
    Unavailable,

    /// <summary>400 ValidationException saying the request was blocked by the content filters.</summary>
    ContentFilteredRequest,

    /// <summary>200 whose output was filtered: Stability's <c>finish_reasons</c> filter reason, Nova Canvas's <c>error</c>.</summary>
    FilteredOutput,
}
