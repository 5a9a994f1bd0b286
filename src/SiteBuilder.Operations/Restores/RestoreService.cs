using System.Security.Cryptography;
using System.Text.RegularExpressions;
using SiteBuilder.Operations.Approvals;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Restores;

/// <summary>A source that can be restored, with its restorable window.</summary>
public sealed record RestorableSource(string Backend, string Source, RestoreWindow Window);

public sealed record RestoreView(RestoreRequest Request, GateStatus Gate);

/// <summary>
/// Point-in-time restore requests: TechLead + DevOpsLead sign-off, always into a new table or file, carried out by the
/// registered <see cref="IPointInTimeRestore"/> backends. With none registered, restore is unavailable and says so.
/// </summary>
public sealed partial class RestoreService(IOperationsStore store, IEnumerable<IPointInTimeRestore> backends, OperationsPolicy policy, AuditLog audit, TimeProvider clock)
{
    public bool IsAvailable => backends.Any();

    public async Task<IReadOnlyList<RestorableSource>> ListSourcesAsync(CancellationToken cancellationToken = default)
    {
        var sources = new List<RestorableSource>();
        foreach (var backend in RequireBackends())
        {
            foreach (var source in backend.Sources)
            {
                sources.Add(new RestorableSource(backend.Kind, source, await backend.GetWindowAsync(source, cancellationToken)));
            }
        }

        return sources;
    }

    public async Task<RestoreRequest> RequestAsync(string? backend, string? source, DateTimeOffset? pointInTime, string? newName, string? reason, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var restorer = RequireBackends().FirstOrDefault(b => string.Equals(b.Kind, backend?.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw OperationsException.Invalid("backend", $"'{backend}' is not a restore backend here; use one of: {string.Join(", ", backends.Select(b => b.Kind))}.");
        if (source is null || !restorer.Sources.Contains(source))
        {
            throw OperationsException.Invalid("source", $"'{source}' cannot be restored by {restorer.Kind}; its sources are: {string.Join(", ", restorer.Sources)}.");
        }

        if (string.IsNullOrWhiteSpace(newName) || !NamePattern().IsMatch(newName))
        {
            throw OperationsException.Invalid("newName", "Name the new table or file: 3–200 letters, digits, '.', '-' or '_'.");
        }

        if (string.Equals(newName, source, StringComparison.OrdinalIgnoreCase) || restorer.Sources.Contains(newName, StringComparer.OrdinalIgnoreCase))
        {
            throw OperationsException.Invalid("newName", "A restore never overwrites: give a new name, not an existing table or file.");
        }

        if (restorer.NewNameProblem(source, newName) is { } problem)
        {
            throw OperationsException.Invalid("newName", problem);
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length < 5 || reason.Length > 2000)
        {
            throw OperationsException.Invalid("reason", "Say why in 5 to 2,000 characters.");
        }

        var window = await restorer.GetWindowAsync(source, cancellationToken);
        if (pointInTime is { } at && ((window.Earliest is { } earliest && at < earliest) || (window.Latest is { } latest && at > latest)))
        {
            throw OperationsException.Invalid("pointInTime", $"{at:u} is outside the restorable window {window.Earliest:u} – {window.Latest:u}.");
        }

        var now = clock.GetUtcNow();
        var restore = await store.InsertAsync(new RestoreRequest
        {
            Id = $"rst-{now:yyyyMMdd}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}",
            Backend = restorer.Kind,
            Source = source,
            PointInTime = pointInTime,
            NewName = newName,
            Reason = reason.Trim(),
            RequestedBy = actor.UserName,
            RequestedByName = actor.DisplayName,
            CreatedAt = now,
        }, cancellationToken);
        await audit.RecordAsync(actor, "restore.requested", null, restore.Id,
            $"Restore {source} as of {(pointInTime is null ? "the latest restorable time" : $"{pointInTime:u}")} into {newName}: {restore.Reason}", cancellationToken);
        return restore;
    }

    public async Task<RestoreView> GetAsync(string id, CancellationToken cancellationToken = default) => View(await FindAsync(id, cancellationToken));

    public async Task<IReadOnlyList<RestoreView>> ListAsync(CancellationToken cancellationToken = default) =>
        [.. (await store.ListAsync<RestoreRequest>(cancellationToken)).Select(View)];

    public async Task<RestoreView> ApproveAsync(string id, string? role, string? comment, OpsActor actor, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var restore = await FindAsync(id, cancellationToken);
            if (restore.ExecutedAt is not null)
            {
                throw OperationsException.Conflict($"Restore {id} has run already.");
            }

            var given = policy.Approve(restore.RequestedBy, restore.Approvals, OperationsPolicy.RestoreRoles, null, actor, role, comment, clock.GetUtcNow());
            try
            {
                var saved = await store.UpdateAsync(restore with { Approvals = [.. restore.Approvals, given] }, cancellationToken);
                await audit.RecordAsync(actor, "restore.approved", null, saved.Id, $"Signed off as {given.Role}{(given.Comment is null ? "" : $": {given.Comment}")}", cancellationToken);
                return View(saved);
            }
            catch (OpsConflictException) when (attempt < 20)
            {
                await Task.Delay(Random.Shared.Next(1, 20), cancellationToken);
            }
        }
    }

    /// <summary>Runs an approved restore once. The restored copy sits beside the original; switching to it is a separate step.</summary>
    public async Task<RestoreView> ExecuteAsync(string id, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var restore = await FindAsync(id, cancellationToken);
        if (restore.ExecutedAt is not null)
        {
            throw OperationsException.Conflict($"Restore {id} has run already.");
        }

        var gate = OperationsPolicy.SignOffGate(OperationsPolicy.RestoreRoles, restore.Approvals, clock.GetUtcNow());
        if (!gate.IsMet)
        {
            throw new OperationsException(OperationsError.GateNotMet, $"The restore cannot run yet. Missing: {string.Join("; ", gate.Missing)}.", missing: gate.Missing);
        }

        var restorer = RequireBackends().FirstOrDefault(b => b.Kind == restore.Backend)
            ?? throw new OperationsException(OperationsError.Unavailable, $"The {restore.Backend} restore backend is not configured on this portal.");
        // Claim the request first (conditional write), so two clicks never restore twice.
        restore = await ClaimAsync(restore with { ExecutedAt = clock.GetUtcNow() }, cancellationToken);
        try
        {
            var result = await restorer.RestoreAsync(new RestoreTarget(restore.Source, restore.PointInTime, restore.NewName), cancellationToken);
            restore = await store.UpdateAsync(restore with { Result = result }, CancellationToken.None);
            await audit.RecordAsync(actor, "restore.succeeded", null, restore.Id, $"{restore.Source} restored as of {result.RestoredTo:u} into {result.NewName}: {result.Detail}", CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            restore = await store.UpdateAsync(restore with { Error = e.Message }, CancellationToken.None);
            await audit.RecordAsync(actor, "restore.failed", null, restore.Id, $"{restore.Source} into {restore.NewName} failed: {e.Message}", CancellationToken.None);
        }

        return View(restore);
    }

    private async Task<RestoreRequest> ClaimAsync(RestoreRequest restore, CancellationToken cancellationToken)
    {
        try
        {
            return await store.UpdateAsync(restore, cancellationToken);
        }
        catch (OpsConflictException)
        {
            throw OperationsException.Conflict($"Restore {restore.Id} changed or started in the meantime; reload it.");
        }
    }

    private IEnumerable<IPointInTimeRestore> RequireBackends() => IsAvailable
        ? backends
        : throw new OperationsException(OperationsError.Unavailable, "Point-in-time restore is not available: no restore backend is configured on this portal.");

    private async Task<RestoreRequest> FindAsync(string id, CancellationToken cancellationToken) =>
        await store.FindAsync<RestoreRequest>(id, cancellationToken) ?? throw OperationsException.NotFound($"No restore '{id}'.");

    private RestoreView View(RestoreRequest restore) => new(restore, OperationsPolicy.SignOffGate(OperationsPolicy.RestoreRoles, restore.Approvals, clock.GetUtcNow()));

    [GeneratedRegex("^[A-Za-z0-9._-]{3,200}$")]
    private static partial Regex NamePattern();
}
