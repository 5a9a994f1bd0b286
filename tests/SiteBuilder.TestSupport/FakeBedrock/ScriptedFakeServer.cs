using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using SiteBuilder.TestSupport.Aws;

namespace SiteBuilder.TestSupport.FakeBedrock;

/// <summary>
/// What the scripted model fakes share: a loopback app, one script per request in the order they were queued (then
/// <see cref="DefaultScript"/>), and every request recorded as it came over the wire before it is answered.
/// </summary>
public abstract class ScriptedFakeServer<TScript> : IAsyncDisposable
    where TScript : new()
{
    private readonly ConcurrentQueue<TScript> _scripts = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly Lock _requestsLock = new();
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackWebApp? _app;

    /// <summary>The script for requests when no queued script is left.</summary>
    public TScript DefaultScript { get; set; } = new();

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requestsLock)
            {
                return [.. _requests];
            }
        }
    }

    public RecordedRequest LastRequest => Requests.LastOrDefault() ?? throw new InvalidOperationException($"{Name} has received no request.");

    /// <summary>How messages name this fake: "The fake Bedrock".</summary>
    protected abstract string Name { get; }

    /// <summary><c>http://127.0.0.1:{port}</c>, once started.</summary>
    protected Uri AppBaseUrl => _app?.BaseUrl ?? throw new InvalidOperationException($"{Name} is not started.");

    /// <summary>Scripts for the next requests, one each, in order; then <see cref="DefaultScript"/>.</summary>
    public void Enqueue(params TScript[] scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        foreach (var script in scripts)
        {
            _scripts.Enqueue(script);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    protected async Task StartAppAsync(CancellationToken cancellationToken) =>
        _app = await LoopbackWebApp.StartAsync(HandleCoreAsync, cancellationToken);

    /// <summary>The next queued script, or <see cref="DefaultScript"/>.</summary>
    protected TScript NextScript() => _scripts.TryDequeue(out var next) ? next : DefaultScript;

    /// <summary>Answers a request already recorded; <paramref name="token"/> ends when the client leaves or the fake stops.</summary>
    protected abstract Task HandleAsync(HttpContext context, RecordedRequest request, CancellationToken token);

    /// <summary>The SigV4 check of a request, for fakes of signed APIs; null for the others.</summary>
    protected virtual SigV4Verdict? VerifySignature(HttpContext context, string rawTarget, byte[] body) => null;

    private async Task HandleCoreAsync(HttpContext context)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var token = cancellation.Token;
        await HandleAsync(context, await RecordAsync(context, token), token);
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context, CancellationToken token)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, token);
        var bodyBytes = body.ToArray();
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var request = new RecordedRequest(
            context.Request.Method,
            rawTarget,
            context.Request.Path.Value ?? "/",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Encoding.UTF8.GetString(bodyBytes),
            VerifySignature(context, rawTarget, bodyBytes));
        lock (_requestsLock)
        {
            _requests.Add(request);
        }

        return request;
    }
}
