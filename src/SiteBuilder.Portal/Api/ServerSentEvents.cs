using Microsoft.AspNetCore.Http.Features;
using SiteBuilder.Generation.Records;

namespace SiteBuilder.Portal.Api;

/// <summary>
/// Writes generation events as Server-Sent Events: <c>id: n</c> and <c>data: {json}</c>, never an <c>event:</c> field, so
/// <c>EventSource.onmessage</c> sees every event. A comment line keeps an idle connection open through proxies.
/// </summary>
internal static class ServerSentEvents
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static void Begin(HttpResponse response, string generationId)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-transform";
        response.Headers["X-Accel-Buffering"] = "no";
        response.Headers["X-Generation-Id"] = generationId;
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    public static async Task WriteAsync(HttpResponse response, GenerationEvent e, CancellationToken cancellationToken)
    {
        // Event data is one line of JSON (JSON escapes newlines), so one data: line carries it.
        await response.WriteAsync($"id: {e.Id}\ndata: {GenerationEventJson.Write(e.Data)}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Writes every event of <paramref name="events"/>, with keep-alive comments while it waits; stops quietly when the client goes.</summary>
    public static async Task StreamAsync(HttpResponse response, IAsyncEnumerator<GenerationEvent> events, Task<bool>? pending, CancellationToken cancellationToken)
    {
        using var open = response.HttpContext.RequestServices.GetRequiredService<ApiMetrics>().OpenStream();
        try
        {
            var next = pending ?? events.MoveNextAsync().AsTask();
            while (true)
            {
                var finished = await Task.WhenAny(next, Task.Delay(KeepAlive, cancellationToken));
                if (finished != next)
                {
                    await response.WriteAsync(": keep-alive\n\n", cancellationToken);
                    await response.Body.FlushAsync(cancellationToken);
                    continue;
                }

                if (!await next)
                {
                    return;
                }

                await WriteAsync(response, events.Current, cancellationToken);
                next = events.MoveNextAsync().AsTask();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client went away; the generation goes on and can be resumed with Last-Event-ID.
        }
    }
}
