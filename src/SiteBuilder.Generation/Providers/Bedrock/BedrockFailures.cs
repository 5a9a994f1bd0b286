using System.Net.Sockets;
using System.Text.Json;
using Amazon.Runtime;
using Anthropic.Exceptions;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Providers.Bedrock;

/// <summary>
/// Maps what the Anthropic.Bedrock SDK throws to <see cref="PageModelFailure"/>. Bedrock reports errors as an
/// HTTP status before the stream starts, and as an exception frame (surfacing as an SSE error event) after it.
/// </summary>
internal static class BedrockFailures
{
    public static PageModelException Classify(Exception exception, string modelId, string region) => exception switch
    {
        AnthropicApiException api => FromStatus((int)api.StatusCode, BedrockMessage(api.ResponseBody), modelId, region, api),
        AnthropicSseException sse => FromStreamException(sse),
        AnthropicIOException io => new PageModelException(
            PageModelFailure.Unavailable,
            $"Could not reach Bedrock in {region}: {io.InnerException?.Message ?? io.Message}",
            io),
        TaskCanceledException { InnerException: TimeoutException } timeout => new PageModelException(
            PageModelFailure.Timeout,
            $"The Bedrock request timed out: {timeout.Message}",
            timeout),
        HttpRequestException or IOException or SocketException => new PageModelException(
            PageModelFailure.Unavailable,
            $"The connection to Bedrock failed: {exception.Message}",
            exception),
        AmazonClientException credentials => new PageModelException(
            PageModelFailure.Failed,
            $"No usable AWS credentials to sign the Bedrock request: {credentials.Message}",
            credentials),
        AnthropicInvalidDataException or InvalidDataException or JsonException => new PageModelException(
            PageModelFailure.Failed,
            $"Bedrock sent a stream that could not be read: {exception.Message}",
            exception),
        _ => new PageModelException(
            PageModelFailure.Failed,
            $"The Bedrock call failed ({exception.GetType().Name}): {exception.Message}",
            exception),
    };

    private static PageModelException FromStatus(int status, string message, string modelId, string region, Exception inner)
    {
        var (failure, cause) = status switch
        {
            429 => (PageModelFailure.Throttled, "Bedrock throttled the request (ThrottlingException)"),
            503 => (PageModelFailure.Unavailable, "Bedrock is unavailable (ServiceUnavailableException)"),
            500 => (PageModelFailure.Unavailable, "Bedrock had an internal error (InternalServerException)"),
            408 => (PageModelFailure.Timeout, "The model timed out (ModelTimeoutException)"),
            400 => (PageModelFailure.Failed, "Bedrock rejected the request (ValidationException)"),
            401 => (PageModelFailure.Failed, "Bedrock rejected the AWS credentials"),
            403 => (PageModelFailure.Failed, $"Bedrock denied access to '{modelId}' in {region} (AccessDeniedException): model access not granted for this account, or the role may not call bedrock:InvokeModelWithResponseStream"),
            404 => (PageModelFailure.Failed, $"Model or inference profile '{modelId}' was not found in {region} (ResourceNotFoundException)"),
            424 => (PageModelFailure.Failed, "The model failed to process the request (ModelErrorException)"),
            >= 500 => (PageModelFailure.Unavailable, $"Bedrock answered HTTP {status}"),
            _ => (PageModelFailure.Failed, $"Bedrock answered HTTP {status}"),
        };
        return new PageModelException(failure, message.Length == 0 ? cause : $"{cause}: {message}", inner);
    }

    private static PageModelException FromStreamException(AnthropicSseException sse)
    {
        string? type = null;
        string? message = null;
        if (sse.Body.ValueKind == JsonValueKind.Object
            && sse.Body.TryGetProperty("error", out var error)
            && error.ValueKind == JsonValueKind.Object)
        {
            type = error.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            message = error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
        }

        var failure = type?.ToUpperInvariant() switch
        {
            "THROTTLINGEXCEPTION" or "RATE_LIMIT_ERROR" => PageModelFailure.Throttled,
            "SERVICEUNAVAILABLEEXCEPTION" or "INTERNALSERVEREXCEPTION" or "OVERLOADED_ERROR" or "API_ERROR" => PageModelFailure.Unavailable,
            "MODELTIMEOUTEXCEPTION" or "TIMEOUT_ERROR" => PageModelFailure.Timeout,
            _ => PageModelFailure.Failed,
        };
        var text = $"Bedrock ended the stream with {type ?? "an unnamed exception"}";
        return new PageModelException(failure, message is null ? text : $"{text}: {message}", sse);
    }

    /// <summary>Bedrock's error body is <c>{"message": "…"}</c>; anything else is shown as it came.</summary>
    private static string BedrockMessage(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return string.Empty;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    if (property.NameEquals("message") || property.NameEquals("Message"))
                    {
                        return property.Value.GetString() ?? string.Empty;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML error page, say): show it raw.
        }

        return body.Trim();
    }
}
