using SiteBuilder.Observability.Alarms;

namespace SiteBuilder.Portal.Runbooks;

/// <summary>An alarm whose runbook link lands on a section, with its state in one environment.</summary>
public sealed record SectionAlarm(string AlarmId, string Title, AlarmState State, DateTimeOffset Since, string Environment)
{
    /// <summary>CloudWatch's name for the state: <c>OK</c>, <c>ALARM</c>, <c>INSUFFICIENT_DATA</c>.</summary>
    public string StateName => State.ToWire();
}

/// <summary>
/// The alarms of <c>alarms.json</c> that link to a runbook's sections (<c>troubleshooting#agent-errors</c>), with their
/// current state from the alarm store, so each section shows whether its alarm is firing where the reader looks.
/// </summary>
public sealed class RunbookAlarms(AlarmEvaluator evaluator, ObservedEnvironments observed)
{
    /// <summary>The environment whose alarms a runbook shows when the reader picked none: the service's own.</summary>
    public string DefaultEnvironment => observed.Own;

    /// <summary>Section anchor → its alarms' states in <paramref name="environment"/>; empty for a document no alarm links to.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<SectionAlarm>>> ForAsync(RunbookDocument document, string environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var prefix = document.Route[(DocumentLibrary.RoutePrefix.Length + 1)..] + "#";
        var linked = evaluator.Catalog.Alarms.Where(a => document.Kind == DocumentKind.Runbook && a.Runbook.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        if (linked.Count == 0)
        {
            return new Dictionary<string, IReadOnlyList<SectionAlarm>>();
        }

        var states = (await evaluator.StatesAsync(environment, cancellationToken)).ToDictionary(s => s.AlarmId, StringComparer.Ordinal);
        return linked
            .Select(a => (Anchor: a.Runbook[prefix.Length..], Alarm: states.TryGetValue(a.Id, out var s)
                ? new SectionAlarm(a.Id, a.Title, s.State, s.Since, environment)
                : new SectionAlarm(a.Id, a.Title, AlarmState.InsufficientData, DateTimeOffset.MinValue, environment)))
            .GroupBy(x => x.Anchor, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<SectionAlarm>)[.. g.Select(x => x.Alarm)], StringComparer.Ordinal);
    }
}
