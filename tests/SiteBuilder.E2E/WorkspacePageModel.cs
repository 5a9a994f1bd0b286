using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SiteBuilder.Generation.Offline;
using SiteBuilder.Generation.Templates;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.E2E;

/// <summary>The portal of the browser tests: the offline composer behind <see cref="WorkspacePageModel"/>, everything else real.</summary>
public sealed class BrowserPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // The dashboard test seeds an hour of metrics and evaluates the alarms itself; the other tests' real traffic in the same
        // environment must not be re-evaluated into those states mid-test, so the background round runs as rarely as allowed.
        builder.UseSetting("SiteBuilder:Observability:AlarmEvaluationSeconds", "600");
        builder.ConfigureTestServices(services => services.AddSingleton<IPageModel, WorkspacePageModel>());
    }
}

/// <summary>
/// The offline composer, paced like a remote model so a browser can watch the page arrive part by part. Words in the prompt
/// steer it: <see cref="Slowly"/> stretches the stream to several seconds (to cancel one, or reload in the middle), and
/// <see cref="Hostile"/> makes it write what a misbehaving model might: a script and an event handler that set a marker.
/// </summary>
public sealed class WorkspacePageModel : IPageModel
{
    public const string Slowly = "Write it slowly.";
    public const string Hostile = "Include the tracking script.";

    /// <summary>No extra pacing: the offline composer's stream exactly as the portal's default provider sends it.</summary>
    public const string OwnPace = "At the composer's own pace.";

    /// <summary>The script's marker: it posts this to the parent window and writes it on the body.</summary>
    public const string Marker = "model-script-ran";

    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(120);
    private static readonly TimeSpan SlowPace = TimeSpan.FromSeconds(1);

    private readonly OfflineComposer _composer = new();

    // The composer as the portal's default provider runs it: a pause before each section (SiteBuilder:Generation:OfflineSectionDelay).
    private readonly OfflineComposer _ownPace = new(TimeSpan.FromMilliseconds(300), TimeProvider.System);

    public string Provider => _composer.Provider;

    public string ModelId => _composer.ModelId;

    public async IAsyncEnumerable<PageDelta> StreamPageAsync(PageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pace = request.Prompt.Contains(Slowly, StringComparison.Ordinal) ? SlowPace
            : request.Prompt.Contains(OwnPace, StringComparison.Ordinal) ? TimeSpan.Zero
            : Pace;
        var hostile = request.Prompt.Contains(Hostile, StringComparison.Ordinal);
        var part = 0;
        var composer = request.Prompt.Contains(OwnPace, StringComparison.Ordinal) ? _ownPace : _composer;

        // The steering words are the test's, not the marketer's: the page is written from the prompt without them.
        var brief = request with { Prompt = string.Join(' ', request.Prompt.Replace(Slowly, " ").Replace(OwnPace, " ").Replace(Hostile, " ").Split(' ', StringSplitOptions.RemoveEmptyEntries)) };
        await foreach (var delta in composer.StreamPageAsync(brief, cancellationToken))
        {
            if (part++ > 0 && pace > TimeSpan.Zero)
            {
                await Task.Delay(pace, cancellationToken);
            }

            yield return hostile && part == 2 ? delta with { Text = Script + delta.Text } : delta;
        }
    }

    private const string Script =
        $"<script>document.body.dataset.marker='{Marker}';parent.postMessage('{Marker}','*');</script>" +
        $"<img src=\"x\" alt=\"\" onerror=\"document.body.dataset.marker='{Marker}';parent.postMessage('{Marker}','*')\">";
}
