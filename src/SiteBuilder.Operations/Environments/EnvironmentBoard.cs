using System.Collections.Concurrent;
using SiteBuilder.Operations.Deployments;
using SiteBuilder.Operations.Releases;
using SiteBuilder.Operations.Store;

namespace SiteBuilder.Operations.Environments;

/// <summary>One environment as the board and <c>GET /v1/ops/environments</c> show it.</summary>
/// <param name="Health">The health URL now (cached a few seconds).</param>
/// <param name="Drift">How this environment differs from the stage before it (or, for DEV, from the newest release).</param>
public sealed record EnvironmentCard(
    OpsEnvironment Environment,
    LiveRelease? Live,
    Deployment? Active,
    Deployment? Last,
    VerificationResult Health,
    string Drift);

/// <summary>DEV / SIT / PROD side by side: what is live, since when, by whom, how healthy, and how far apart they are.</summary>
public sealed class EnvironmentBoard(
    EnvironmentCatalog catalog,
    EnvironmentStates states,
    IOperationsStore store,
    DeploymentVerifier verifier,
    TimeProvider clock)
{
    private static readonly TimeSpan HealthCacheFor = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, (DateTimeOffset At, VerificationResult Result)> _health = new();

    public async Task<IReadOnlyList<EnvironmentCard>> GetAsync(CancellationToken cancellationToken = default)
    {
        var releases = await store.ListAsync<Release>(cancellationToken);
        var cards = new List<EnvironmentCard>();
        LiveRelease? previous = null;
        foreach (var environment in catalog.All)
        {
            var state = await states.GetAsync(environment.Name, cancellationToken);
            var active = state.ActiveDeploymentId is { } a ? await store.FindAsync<Deployment>(a, cancellationToken) : null;
            var last = state.LastDeploymentId is { } l ? await store.FindAsync<Deployment>(l, cancellationToken) : null;
            var drift = environment.Order == 0 ? DriftFromNewest(state.Live, releases) : DriftFrom(catalog.All[environment.Order - 1], previous, state.Live);
            cards.Add(new EnvironmentCard(environment, state.Live, active, last, await HealthAsync(environment, cancellationToken), drift));
            previous = state.Live;
        }

        return cards;
    }

    private async Task<VerificationResult> HealthAsync(OpsEnvironment environment, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (_health.TryGetValue(environment.Name, out var cached) && now - cached.At < HealthCacheFor)
        {
            return cached.Result;
        }

        var result = await verifier.CheckHealthAsync(environment, cancellationToken);
        _health[environment.Name] = (now, result);
        return result;
    }

    private static string DriftFromNewest(LiveRelease? live, IReadOnlyList<Release> releases)
    {
        var newest = releases.FirstOrDefault();
        return (newest, live) switch
        {
            (null, _) => "No release registered yet.",
            (_, null) => $"Nothing deployed; newest release is {newest.Version}.",
            _ when newest.Version == live.Version => "Runs the newest release.",
            _ => $"Newest release {newest.Version} is not deployed here yet.",
        };
    }

    private static string DriftFrom(OpsEnvironment before, LiveRelease? previous, LiveRelease? live) => (previous, live) switch
    {
        (null, null) => $"Nothing deployed here or in {before.DisplayName}.",
        (null, _) => $"{before.DisplayName} runs nothing.",
        (_, null) => $"Nothing deployed; {before.DisplayName} runs {previous.Version}.",
        _ when previous.Version == live.Version && previous.TerraformCommit == live.TerraformCommit => $"Same release as {before.DisplayName}.",
        _ when previous.Version == live.Version => $"Same application as {before.DisplayName}, infrastructure differs ({live.TerraformCommit[..Math.Min(7, live.TerraformCommit.Length)]} here).",
        _ => $"Behind or apart from {before.DisplayName}: {before.DisplayName} runs {previous.Version}, this runs {live.Version}.",
    };
}
