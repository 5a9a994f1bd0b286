using Microsoft.Extensions.Time.Testing;
using SiteBuilder.Generation.Records;
using AgentNames = SiteBuilder.Observability.Metrics.Agents;
using SiteBuilder.Portal.Components.Pages.Workspace;

namespace SiteBuilder.Portal.Tests.Workspace;

/// <summary>The workspace's stream state: what the marketer sees as a generation's events arrive.</summary>
public sealed class GenerationStreamTests
{
    private const string Head = "<!DOCTYPE html><html><head><style>body{margin:0}.hero{padding:64px}</style></head>";
    private const string Hero = "<body><header class=\"hero\"><h1>Brewly</h1></header>";
    private const string Features = "<section><h2>Features</h2></section></body></html>";

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 14, 0, 0, TimeSpan.Zero));
    private readonly GenerationStream _stream;
    private long _nextId;

    public GenerationStreamTests() => _stream = new GenerationStream(_clock);

    [Fact]
    public void ConnectingShowsTheFirstStepAndAStopButtonWithoutTouchingThePreview()
    {
        _stream.ShowFinished(Record(GenerationStatus.Complete), "<p>version 1</p>");

        _stream.Connect(Record(GenerationStatus.Queued));

        Assert.True(_stream.IsRunning);
        Assert.True(_stream.ShowsProgress);
        Assert.Equal(0, _stream.StepIndex);
        Assert.Equal("<p>version 1</p>", _stream.Html);
    }

    [Fact]
    public void ProgressNamesTheAgentAtWorkAndNeverGoesBackwards()
    {
        _stream.Connect(Record(GenerationStatus.Queued));

        Apply(new ProgressEvent(10, "Planned 5 sections", AgentNames.LayoutAgent));
        Assert.Equal(2, _stream.StepIndex);
        Apply(new ProgressEvent(35, "Written 4 KB of the page", AgentNames.PageGenerator));
        Apply(new ProgressEvent(15, "The model was busy; trying again (2 of 3)", AgentNames.PageGenerator));

        Assert.Equal(35, _stream.Progress);
        Assert.Equal("The model was busy; trying again (2 of 3)", _stream.Message);
    }

    [Fact]
    public void ThePreviewWaitsForTheFirstSectionSoItNeverShowsABlankHead()
    {
        _stream.Connect(Record(GenerationStatus.Queued));

        Apply(new ChunkEvent(Head));
        Assert.Null(_stream.Html);
        Assert.Null(_stream.PaintDueIn());

        Apply(new ChunkEvent(Hero));
        Assert.Equal(Head + Hero, _stream.Html);
    }

    [Fact]
    public void ANavigationBarAloneIsNotYetWorthPainting()
    {
        _stream.Connect(Record(GenerationStatus.Queued));

        Apply(new ChunkEvent(Head + "<body><header><nav><a href=\"#\">Brewly</a></nav></header>"));
        Assert.Null(_stream.Html);

        Apply(new ChunkEvent(Features));
        Assert.NotNull(_stream.Html);
    }

    [Fact]
    public void ARefinementKeepsShowingTheParentPageUntilItsOwnFirstSection()
    {
        _stream.ShowFinished(Record(GenerationStatus.Complete), "<p>version 1</p>");
        _stream.Connect(Record(GenerationStatus.Queued));

        Apply(new ChunkEvent(Head));
        Assert.Equal("<p>version 1</p>", _stream.Html);

        Apply(new ChunkEvent(Hero));
        Assert.Equal(Head + Hero, _stream.Html);
    }

    [Fact]
    public void ChunksThatComeFasterThanThePaintIntervalArePaintedOnTheTrailingEdge()
    {
        _stream.Connect(Record(GenerationStatus.Queued));
        Apply(new ChunkEvent(Head + Hero));

        Apply(new ChunkEvent(Features));
        Assert.Equal(Head + Hero, _stream.Html);
        Assert.Equal(GenerationStream.PaintInterval, _stream.PaintDueIn());
        Assert.False(_stream.PaintIfDue());

        _clock.Advance(GenerationStream.PaintInterval);
        Assert.True(_stream.PaintIfDue());
        Assert.Equal(Head + Hero + Features, _stream.Html);
        Assert.Null(_stream.PaintDueIn());
    }

    [Fact]
    public void AResumedFollowAppliesNothingTwice()
    {
        _stream.Connect(Record(GenerationStatus.Queued));
        var first = Apply(new ChunkEvent(Head + Hero));

        Assert.False(_stream.Apply(first));
        Assert.Equal(1, _stream.LastEventId);
        _clock.Advance(TimeSpan.FromSeconds(1));
        Apply(new ChunkEvent(Features));
        Assert.Equal(Head + Hero + Features, _stream.Html);
    }

    [Fact]
    public void CompletePaintsTheWholePageAndKeepsTheEventsFacts()
    {
        _stream.Connect(Record(GenerationStatus.Queued));
        Apply(new ChunkEvent(Head + Hero));
        Apply(new ChunkEvent(Features));

        var complete = new CompleteEvent("gen-1", "site-1", 2, 9.1, "/p", "/r", "bedrock", "claude", 1200, 5400, "The page already had a testimonials section.");
        Apply(complete);

        Assert.Equal(StreamPhase.Complete, _stream.Phase);
        Assert.False(_stream.IsRunning);
        Assert.False(_stream.ShowsProgress);
        Assert.Equal(Head + Hero + Features, _stream.Html);
        Assert.Equal(GenerationStream.Steps.Count, _stream.StepIndex);
        Assert.Equal(complete, _stream.Completion);
    }

    [Fact]
    public void AnErrorStopsTheStreamSaysWhyAndKeepsWhatWasWritten()
    {
        _stream.Connect(Record(GenerationStatus.Queued));
        Apply(new ProgressEvent(40, "Written 8 KB of the page", AgentNames.PageGenerator));
        Apply(new ChunkEvent(Head + Hero));
        Apply(new ChunkEvent(Features));

        Apply(new ErrorEvent("SERVICE_UNAVAILABLE", "The page model is busy."));

        Assert.Equal(StreamPhase.Failed, _stream.Phase);
        Assert.Equal("The page model is busy.", _stream.Error);
        Assert.True(_stream.ShowsProgress);
        Assert.Equal(Head + Hero + Features, _stream.Html);
    }

    [Fact]
    public void CancellingIsAskedOnceThenTheCancelledEventEndsTheStream()
    {
        _stream.Connect(Record(GenerationStatus.Queued));
        _stream.RequestCancel();
        Assert.True(_stream.CancelRequested);
        Assert.True(_stream.IsRunning);

        Apply(new CancelledEvent("The generation was cancelled."));

        Assert.Equal(StreamPhase.Cancelled, _stream.Phase);
        Assert.Equal("Cancelled", _stream.Message);
        Assert.Null(_stream.Html);
    }

    [Fact]
    public void ALostFollowKeepsThePreviewAndSaysWhatToDo()
    {
        _stream.Connect(Record(GenerationStatus.Queued));
        Apply(new ChunkEvent(Head + Hero));

        _stream.Lost("Reload the page.");

        Assert.False(_stream.IsRunning);
        Assert.Equal("Reload the page.", _stream.Error);
        Assert.Equal(Head + Hero, _stream.Html);
    }

    [Fact]
    public void AFinishedVersionShowsItsStoredPageAndItsOutcome()
    {
        _stream.ShowFinished(Record(GenerationStatus.Failed) with { Progress = 40, Error = new("GENERATION_FAILED", "Too slow") }, null);

        Assert.Equal(StreamPhase.Failed, _stream.Phase);
        Assert.Equal("Too slow", _stream.Error);
        Assert.Equal(40, _stream.Progress);
        Assert.Null(_stream.Html);

        _stream.ShowFinished(Record(GenerationStatus.Complete), "<p>done</p>");
        Assert.Null(_stream.Error);
        Assert.Equal(100, _stream.Progress);
        Assert.Equal("<p>done</p>", _stream.Html);
    }

    private GenerationEvent Apply(GenerationEventData data)
    {
        var e = new GenerationEvent(++_nextId, data);
        Assert.True(_stream.Apply(e));
        return e;
    }

    private GenerationRecord Record(GenerationStatus status)
    {
        _nextId = 0;
        return new GenerationRecord
        {
            Id = "gen-" + Guid.NewGuid().ToString("N"),
            Tenant = "acme",
            SiteId = "site-1",
            Version = 1,
            Prompt = "A launch page for Brewly",
            TemplateId = "product-launch",
            Provider = "offline",
            ModelId = "offline-composer-1",
            CreatedBy = "mia",
            Status = status,
            CreatedAt = _clock.GetUtcNow(),
            UpdatedAt = _clock.GetUtcNow(),
        };
    }
}
