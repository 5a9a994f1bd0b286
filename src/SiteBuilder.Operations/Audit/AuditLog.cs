using System.Globalization;
using System.Text;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Audit;

/// <summary>Writes and reads the audit log. Services record a step only after it succeeded, so a refused request leaves no line.</summary>
public sealed class AuditLog(IOperationsStore store, TimeProvider clock)
{
    /// <summary>The actor of steps the portal takes itself (engine outcomes, verification).</summary>
    public static readonly OpsActor System = new("system", "SiteBuilder", []);

    public async Task<AuditEntry> RecordAsync(OpsActor actor, string action, string? environment, string? subject, string detail, CancellationToken cancellationToken = default)
    {
        var at = NextInstant();
        var entry = new AuditEntry(AuditEntry.NewId(at), at, actor.UserName, actor.DisplayName, action, environment, subject, detail);
        await store.AppendAuditAsync(entry, cancellationToken);
        return entry;
    }

    private readonly Lock _gate = new();
    private DateTimeOffset _last;

    // Entries are read in time order; two steps in the same clock tick would tie, so each entry gets a later instant than the one before.
    private DateTimeOffset NextInstant()
    {
        lock (_gate)
        {
            var now = clock.GetUtcNow();
            _last = now > _last ? now : _last.AddTicks(1);
            return _last;
        }
    }

    public Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default) =>
        store.QueryAuditAsync(query, cancellationToken);

    public static readonly IReadOnlyList<string> CsvColumns = ["at", "actor", "actor_name", "action", "environment", "subject", "detail", "id"];

    /// <summary>RFC 4180 CSV with a header row, one row per entry in the order given.</summary>
    public static string ToCsv(IEnumerable<AuditEntry> entries)
    {
        var csv = new StringBuilder();
        csv.AppendJoin(',', CsvColumns).Append("\r\n");
        foreach (var e in entries)
        {
            string[] row = [Timestamp(e.At), e.Actor, e.ActorName, e.Action, e.Environment ?? "", e.Subject ?? "", e.Detail, e.Id];
            csv.AppendJoin(',', row.Select(Quote)).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    // Quoting every field that needs it; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
    private static string Quote(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
