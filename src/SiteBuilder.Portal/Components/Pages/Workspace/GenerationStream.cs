using System.Text;
using System.Text.RegularExpressions;
using SiteBuilder.Generation.Records;
using SiteBuilder.Generation.Pipeline;

namespace SiteBuilder.Portal.Components.Pages.Workspace;

/// <summary>Where the workspace is with the version it shows.</summary>
public enum StreamPhase
{
    /// <summary>Nothing shown yet, or a version that never produced a page.</summary>
    Idle,

    /// <summary>Following a running generation (connected, waiting for or receiving events).</summary>
    Streaming,

    Complete,
    Failed,
    Cancelled,
}

/// <summary>
/// The workspace's view of one generation, driven by its events: connect, progress, chunks, resume after a dropped follow,
/// cancel, complete, error. The page renders it and does the I/O; this class decides what the marketer sees. The preview
/// (<see cref="Html"/>) only ever moves forward: it stays on the previous page until the new one has a first section,
/// and once painted it is never taken away while the version is shown.
/// </summary>
public sealed partial class GenerationStream(TimeProvider clock)
{
    /// <summary>The preview repaints a few times a second at most; the last change is always painted (trailing edge).</summary>
    public static readonly TimeSpan PaintInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The agents a generation passes through, in order, as the progress events name them.</summary>
    public static readonly IReadOnlyList<(string Step, string Label)> Steps =
    [
        (Agents.ThemeSelector, "Theme"),
        (Agents.LayoutAgent, "Layout"),
        (Agents.PageGenerator, "Writing"),
        (Agents.BrandValidator, "Brand check"),
    ];

    private readonly StringBuilder _page = new();
    private DateTimeOffset _lastPaint = DateTimeOffset.MinValue;
    private bool _unpainted;
    private bool _hasFirstSection;

    public StreamPhase Phase { get; private set; }

    public GenerationRecord? Generation { get; private set; }

    public bool IsRunning => Phase == StreamPhase.Streaming;

    public int Progress { get; private set; }

    public string? Message { get; private set; }

    /// <summary>The step the last progress event named (an agent, <c>store</c>, or <c>complete</c>).</summary>
    public string? Step { get; private set; }

    public string? Error { get; private set; }

    /// <summary>The page the preview shows; null shows the placeholder.</summary>
    public string? Html { get; private set; }

    /// <summary>The id of the last event applied: a follow that dropped resumes after it, so nothing is applied twice.</summary>
    public long LastEventId { get; private set; }

    /// <summary>The <c>complete</c> event, once it came: score, tokens, the version's note.</summary>
    public CompleteEvent? Completion { get; private set; }

    public bool CancelRequested { get; private set; }

    /// <summary>The step now running: an agent's event says it is done (theme, layout) or at work (writing, checking).</summary>
    public int StepIndex => Step switch
    {
        Agents.ThemeSelector => 1,
        Agents.LayoutAgent or Agents.PageGenerator => 2,
        "store" or Agents.BrandValidator => 3,
        "complete" => Steps.Count,
        _ => 0,
    };

    /// <summary>The progress bar shows while a generation runs, and after one that stopped part way.</summary>
    public bool ShowsProgress => IsRunning || (Progress > 0 && Phase != StreamPhase.Complete);

    /// <summary>Nothing to show (a new page, or another tenant's workspace).</summary>
    public void Clear()
    {
        Generation = null;
        Html = null;
        ResetRun(StreamPhase.Idle);
    }

    /// <summary>A finished version, with its stored page (null when it has none).</summary>
    public void ShowFinished(GenerationRecord generation, string? html)
    {
        Generation = generation;
        ResetRun(generation.Status switch
        {
            GenerationStatus.Complete => StreamPhase.Complete,
            GenerationStatus.Cancelled => StreamPhase.Cancelled,
            GenerationStatus.Failed => StreamPhase.Failed,
            _ => StreamPhase.Idle,
        });
        Html = html;
        Progress = generation.Status == GenerationStatus.Complete ? 100 : generation.Progress;
        Message = generation.Message;
        Error = generation.Error?.Message;
    }

    /// <summary>
    /// Starts following a running generation from its first event. The preview keeps what it shows (the parent's page, when
    /// this is a refinement) until the new page has a section to show.
    /// </summary>
    public void Connect(GenerationRecord generation)
    {
        Generation = generation;
        ResetRun(StreamPhase.Streaming);
        Progress = generation.Progress;
        Message = generation.Message ?? "Starting generation...";
    }

    /// <summary>Applies one event; false when it was applied before (a resumed follow repeats nothing).</summary>
    public bool Apply(GenerationEvent e)
    {
        if (e.Id <= LastEventId)
        {
            return false;
        }

        LastEventId = e.Id;
        switch (e.Data)
        {
            case ProgressEvent progress:
                // Progress never goes backwards on screen, even if a retry reports an earlier step.
                Progress = Math.Max(Progress, progress.Progress);
                Message = progress.Message;
                Step = progress.Step;
                break;
            case ChunkEvent chunk:
                _page.Append(chunk.Content);
                _unpainted = true;
                PaintIfDue();
                break;
            case CompleteEvent complete:
                Completion = complete;
                Progress = 100;
                Message = "Complete";
                Step = "complete";
                Phase = StreamPhase.Complete;
                Paint();
                break;
            case ErrorEvent error:
                Error = error.Message;
                Message = error.Message;
                Phase = StreamPhase.Failed;
                PaintIfFirstSection();
                break;
            case CancelledEvent:
                Message = "Cancelled";
                Phase = StreamPhase.Cancelled;
                PaintIfFirstSection();
                break;
        }

        return true;
    }

    /// <summary>How long until a held-back change of the page is due to be painted; null when nothing waits.</summary>
    public TimeSpan? PaintDueIn()
    {
        if (!_unpainted || !HasFirstSection())
        {
            return null;
        }

        var due = _lastPaint + PaintInterval - clock.GetUtcNow();
        return due > TimeSpan.Zero ? due : TimeSpan.Zero;
    }

    /// <summary>Paints the held-back change if its time has come; true when the preview changed.</summary>
    public bool PaintIfDue()
    {
        if (PaintDueIn() is { } due && due == TimeSpan.Zero)
        {
            Paint();
            return true;
        }

        return false;
    }

    public void RequestCancel() => CancelRequested = true;

    /// <summary>The follow failed for good (after resuming did not help): stop, say so, keep what the preview shows.</summary>
    public void Lost(string message)
    {
        Phase = StreamPhase.Failed;
        Error = message;
    }

    /// <summary>The version's row after its stream ended (its final status, tokens and score).</summary>
    public void Settle(GenerationRecord finished) => Generation = finished;

    private void ResetRun(StreamPhase phase)
    {
        Phase = phase;
        _page.Clear();
        _unpainted = false;
        _hasFirstSection = false;
        _lastPaint = DateTimeOffset.MinValue;
        LastEventId = 0;
        Progress = 0;
        Message = null;
        Step = null;
        Error = null;
        Completion = null;
        CancelRequested = false;
    }

    private void PaintIfFirstSection()
    {
        if (HasFirstSection())
        {
            Paint();
        }
    }

    private void Paint()
    {
        if (_page.Length == 0)
        {
            return;
        }

        Html = _page.ToString();
        _unpainted = false;
        _lastPaint = clock.GetUtcNow();
    }

    /// <summary>
    /// A page's head (its stylesheet) comes first and shows nothing, and its navigation bar alone is a white page with a strip
    /// on top: the first section (or the hero's heading) is the first thing worth showing.
    /// </summary>
    private bool HasFirstSection()
    {
        if (!_hasFirstSection)
        {
            var text = _page.ToString();
            var body = text.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
            _hasFirstSection = body >= 0 && ClosedBlock().IsMatch(text.AsSpan(body));
        }

        return _hasFirstSection;
    }

    [GeneratedRegex("</(section|main|article|h1)>", RegexOptions.IgnoreCase)]
    private static partial Regex ClosedBlock();
}
