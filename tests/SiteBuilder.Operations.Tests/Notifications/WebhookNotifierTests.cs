using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Notifications;
using SiteBuilder.TestSupport;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Operations.Tests.Notifications;

public sealed class WebhookNotifierTests : IAsyncLifetime
{
    private const string SecretPath = "services/T000/B000/XXXXsecretXXXX";
    private readonly ConcurrentQueue<(string Path, string ContentType, string Body)> _received = new();
    private readonly ListLogger _logger = new();
    private readonly HttpClient _http = new();
    private LoopbackWebApp _receiver = null!;
    private int _answerStatus = 200;

    public async ValueTask InitializeAsync() =>
        _receiver = await LoopbackWebApp.StartAsync(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            _received.Enqueue((context.Request.Path.Value ?? "", context.Request.ContentType ?? "", await reader.ReadToEndAsync(context.RequestAborted)));
            context.Response.StatusCode = _answerStatus;
            await context.Response.WriteAsync(_answerStatus == 200 ? "ok" : "invalid_payload", context.RequestAborted);
        }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AnEventIsPostedToItsEnvironmentsWebhookAsSlackCompatibleJson()
    {
        var notifier = Notifier(("prod", new Uri(_receiver.BaseUrl, SecretPath)));

        await notifier.NotifyAsync(new OpsNotification("prod", "approval_requested", "Release 1.4.0 to PROD needs a ProductOwner approval", new Uri("https://portal.example.com/operations/promotions/p-1")),
            TestContext.Current.CancellationToken);

        var (path, contentType, body) = Assert.Single(_received);
        Assert.Equal("/" + SecretPath, path);
        Assert.StartsWith("application/json", contentType, StringComparison.Ordinal);
        var message = JsonDocument.Parse(body).RootElement;
        Assert.Equal("[PROD] Release 1.4.0 to PROD needs a ProductOwner approval https://portal.example.com/operations/promotions/p-1", message.GetProperty("text").GetString());
        var blocks = message.GetProperty("blocks").EnumerateArray().ToList();
        Assert.Equal(["section", "context", "actions"], blocks.Select(b => b.GetProperty("type").GetString()));
        Assert.Equal("mrkdwn", blocks[0].GetProperty("text").GetProperty("type").GetString());
        Assert.Equal("approval_requested · prod", blocks[1].GetProperty("elements")[0].GetProperty("text").GetString());
        Assert.Equal("https://portal.example.com/operations/promotions/p-1", blocks[2].GetProperty("elements")[0].GetProperty("url").GetString());
    }

    [Fact]
    public async Task AnEnvironmentWithoutAWebhookIsNotToldAnything()
    {
        var notifier = Notifier(("prod", new Uri(_receiver.BaseUrl, SecretPath)));

        await notifier.NotifyAsync(new OpsNotification("dev", "deployment_succeeded", "1.4.0 is live in DEV", null), TestContext.Current.CancellationToken);

        Assert.Empty(_received);
    }

    [Fact]
    public async Task TextFromPeopleCannotMentionEveryoneOrForgeALink()
    {
        var notifier = Notifier(("sit", new Uri(_receiver.BaseUrl, SecretPath)));

        await notifier.NotifyAsync(new OpsNotification("sit", "rollback_started", "Reason: <!channel> see <https://evil.example|the docs> & more", null), TestContext.Current.CancellationToken);

        var text = JsonDocument.Parse(Assert.Single(_received).Body).RootElement.GetProperty("blocks")[0].GetProperty("text").GetProperty("text").GetString();
        Assert.Equal("[SIT] Reason: &lt;!channel&gt; see &lt;https://evil.example|the docs&gt; &amp; more", text);
    }

    [Fact]
    public async Task AWebhookThatRefusesIsLoggedWithoutItsSecretPathAndTheCallerCarriesOn()
    {
        _answerStatus = 400;
        var notifier = Notifier(("prod", new Uri(_receiver.BaseUrl, SecretPath)));

        await notifier.NotifyAsync(new OpsNotification("prod", "deployment_failed", "1.4.0 failed in PROD", null), TestContext.Current.CancellationToken);

        var entry = Assert.Single(_logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Contains("answered 400", entry.Message, StringComparison.Ordinal);
        Assert.Contains(_receiver.BaseUrl.Authority, entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("T000", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableWebhookIsLoggedWithoutItsSecretPathAndTheCallerCarriesOn()
    {
        var closed = new Uri($"http://127.0.0.1:{LoopbackPort.GetFree()}/{SecretPath}");
        var notifier = Notifier(("prod", closed));

        await notifier.NotifyAsync(new OpsNotification("prod", "deployment_failed", "1.4.0 failed in PROD", null), TestContext.Current.CancellationToken);

        var entry = Assert.Single(_logger.Entries);
        Assert.Contains("could not be told", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Message, StringComparison.Ordinal);
        Assert.Null(entry.Exception);
    }

    private WebhookNotifier Notifier(params (string Environment, Uri Url)[] webhooks)
    {
        var options = new WebhookOptions { WebhookTimeout = TimeSpan.FromSeconds(5) };
        foreach (var (environment, url) in webhooks)
        {
            options.Environments[environment] = new EnvironmentWebhook { WebhookUrl = url };
        }

        return new WebhookNotifier(_http, Options.Create(options), _logger);
    }

    private sealed class ListLogger : ILogger<WebhookNotifier>
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }
}
