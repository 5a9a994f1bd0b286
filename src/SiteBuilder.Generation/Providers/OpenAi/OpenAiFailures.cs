using System.ClientModel;
using System.Net.Sockets;
using System.Text.Json;
using SiteBuilder.Generation.Templates;

namespace SiteBuilder.Generation.Providers.OpenAi;

/// <summary>Maps what the OpenAI client throws to <see cref="PageModelFailure"/>.</summary>
internal static class OpenAiFailures
{
    public static PageModelException Classify(Exception exception, Uri baseUrl, string model) => exception switch
    {
        ClientResultException { Status: 0 } noResponse => new PageModelException(
            PageModelFailure.Unavailable,
            $"Could not reach the OpenAI-compatible endpoint {baseUrl}: {noResponse.InnerException?.Message ?? noResponse.Message}",
            noResponse),
        ClientResultException result => FromStatus(result, baseUrl, model),
        TaskCanceledException { InnerException: TimeoutException } timeout => new PageModelException(
            PageModelFailure.Timeout,
            $"The request to {baseUrl} timed out: {timeout.Message}",
            timeout),
        HttpRequestException or IOException or SocketException => new PageModelException(
            PageModelFailure.Unavailable,
            $"The connection to {baseUrl} failed: {exception.Message}",
            exception),
        JsonException or FormatException => new PageModelException(
            PageModelFailure.Failed,
            $"{baseUrl} sent a stream that could not be read: {exception.Message}",
            exception),
        _ => new PageModelException(
            PageModelFailure.Failed,
            $"The call to {baseUrl} failed ({exception.GetType().Name}): {exception.Message}",
            exception),
    };

    private static PageModelException FromStatus(ClientResultException result, Uri baseUrl, string model)
    {
        var status = result.Status;
        var (failure, cause) = status switch
        {
            429 => (PageModelFailure.Throttled, $"{baseUrl} is rate limiting requests (HTTP 429)"),
            408 => (PageModelFailure.Timeout, $"{baseUrl} timed out (HTTP 408)"),
            502 or 503 or 504 => (PageModelFailure.Unavailable, $"{baseUrl} is unavailable (HTTP {status})"),
            401 or 403 => (PageModelFailure.Failed, $"{baseUrl} refused the API key (HTTP {status})"),
            404 => (PageModelFailure.Failed, $"{baseUrl} does not serve model '{model}' (HTTP 404)"),
            _ => (PageModelFailure.Failed, $"{baseUrl} answered HTTP {status}"),
        };
        var message = ErrorMessage(result);
        return new PageModelException(failure, message is null ? cause : $"{cause}: {message}", result);
    }

    /// <summary>OpenAI-style servers answer <c>{"error": {"message": "…"}}</c>; Ollama sometimes <c>{"error": "…"}</c>.</summary>
    private static string? ErrorMessage(ClientResultException result)
    {
        var body = result.GetRawResponse()?.Content?.ToString();
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                {
                    return error.GetString();
                }

                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
                {
                    return message.GetString();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON: show it raw.
        }

        return body.Trim();
    }
}
