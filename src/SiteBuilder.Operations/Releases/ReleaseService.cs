using System.Text.RegularExpressions;
using SiteBuilder.Operations.Audit;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Releases;

/// <summary>What CI sends to register a build.</summary>
public sealed record NewRelease(string? Version, string? Commit, string? ImageDigest, string? TerraformCommit, string? Notes, ReleaseEvidence? Evidence);

/// <summary>Registers releases (once per version) and reads them.</summary>
public sealed partial class ReleaseService(IOperationsStore store, AuditLog audit, TimeProvider clock)
{
    public async Task<Release> RegisterAsync(NewRelease request, OpsActor actor, CancellationToken cancellationToken = default)
    {
        var release = Validate(request, actor, clock.GetUtcNow());
        try
        {
            release = await store.InsertAsync(release, cancellationToken);
        }
        catch (OpsDuplicateException)
        {
            throw OperationsException.Conflict($"Release {release.Version} is already registered; a version is registered once and never changed. Register a new version.");
        }

        await audit.RecordAsync(actor, "release.registered", null, release.Version,
            $"Registered {release.Version} (commit {release.Commit}, image {release.ImageDigest}, terraform {release.TerraformCommit})", cancellationToken);
        return release;
    }

    public async Task<Release> GetAsync(string version, CancellationToken cancellationToken = default) =>
        await store.FindAsync<Release>(version, cancellationToken) ?? throw OperationsException.NotFound($"No release '{version}' is registered.");

    /// <summary>The release a request names, or a 400 on that field.</summary>
    public async Task<Release> RequireAsync(string? version, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(version))
        {
            throw OperationsException.Invalid("version", "Name the release version.");
        }

        return await store.FindAsync<Release>(version.Trim(), cancellationToken)
            ?? throw OperationsException.Invalid("version", $"No release '{version}' is registered; register it first (POST /v1/ops/releases).");
    }

    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<Release>> ListAsync(CancellationToken cancellationToken = default) => store.ListAsync<Release>(cancellationToken);

    private static Release Validate(NewRelease r, OpsActor actor, DateTimeOffset now)
    {
        var errors = new List<(string Field, string Message)>();
        if (r.Version is null || !VersionPattern().IsMatch(r.Version))
        {
            errors.Add(("version", "A version is 1–64 letters, digits, '.', '-', '+' or '_', starting with a letter or digit (e.g. 1.4.0)."));
        }

        if (r.Commit is null || !CommitPattern().IsMatch(r.Commit))
        {
            errors.Add(("commit", "The commit is a git SHA: 7–40 hex digits."));
        }

        if (r.ImageDigest is null || !DigestPattern().IsMatch(r.ImageDigest))
        {
            errors.Add(("imageDigest", "The image digest is 'sha256:' and 64 hex digits."));
        }

        if (r.TerraformCommit is null || !CommitPattern().IsMatch(r.TerraformCommit))
        {
            errors.Add(("terraformCommit", "The terraform commit is a git SHA: 7–40 hex digits."));
        }

        if (r.Notes is { Length: > 10_000 })
        {
            errors.Add(("notes", "Release notes are at most 10,000 characters."));
        }

        var evidence = r.Evidence ?? new ReleaseEvidence();
        if (evidence.CoveragePercent is < 0 or > 100)
        {
            errors.Add(("evidence.coveragePercent", "Coverage is a percentage between 0 and 100."));
        }

        if (evidence.Links.Count > 20 || evidence.Links.Any(l => !Uri.TryCreate(l, UriKind.Absolute, out var u) || u.Scheme is not ("https" or "http")))
        {
            errors.Add(("evidence.links", "Links are up to 20 absolute http(s) URLs."));
        }

        if (errors.Count > 0)
        {
            throw OperationsException.Invalid(errors);
        }

        return new Release
        {
            Version = r.Version!,
            Commit = r.Commit!.ToLowerInvariant(),
            ImageDigest = r.ImageDigest!.ToLowerInvariant(),
            TerraformCommit = r.TerraformCommit!.ToLowerInvariant(),
            Notes = r.Notes?.Trim() ?? "",
            Evidence = evidence,
            RegisteredBy = actor.UserName,
            CreatedAt = now,
        };
    }

    [GeneratedRegex("^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$")]
    private static partial Regex VersionPattern();

    [GeneratedRegex("^[0-9a-fA-F]{7,40}$")]
    private static partial Regex CommitPattern();

    [GeneratedRegex("^sha256:[0-9a-fA-F]{64}$")]
    private static partial Regex DigestPattern();
}
