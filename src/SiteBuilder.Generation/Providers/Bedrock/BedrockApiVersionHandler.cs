namespace SiteBuilder.Generation.Providers.Bedrock;

/// <summary>
/// Pins the Messages API version Bedrock accepts. The Anthropic.Bedrock adapter copies the
/// <c>anthropic-version</c> header into the body's <c>anthropic_version</c>, and the Anthropic SDK sends its
/// first-party API date there, which Bedrock's InvokeModel does not take: it wants <c>bedrock-2023-05-31</c>.
/// Runs before the adapter, so the rewritten body is the one that gets signed.
/// </summary>
internal sealed class BedrockApiVersionHandler : DelegatingHandler
{
    public const string BedrockApiVersion = "bedrock-2023-05-31";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove("anthropic-version");
        request.Headers.TryAddWithoutValidation("anthropic-version", BedrockApiVersion);
        return base.SendAsync(request, cancellationToken);
    }
}
