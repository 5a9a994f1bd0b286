using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Anthropic.Bedrock;
using SiteBuilder.Storage.Aws;

namespace SiteBuilder.Generation.Providers.Bedrock;

/// <summary>
/// Signs Bedrock requests with SigV4 from AWS credentials, sending <c>x-amz-security-token</c> for
/// temporary credentials (ECS task roles, IRSA, SSO, assumed roles).
/// </summary>
/// <remarks>
/// The SDK's own key credentials are read once; these ask <see cref="AWSCredentials"/> on every request,
/// so refreshing credentials (an ECS task role rotates every few hours) keep working in a long-lived process.
/// </remarks>
public sealed class AwsSigV4BedrockCredentials : IAnthropicBedrockCredentials
{
    /// <summary>Bedrock runtime signs under the service name <c>bedrock</c>, not the host's <c>bedrock-runtime</c>.</summary>
    public const string SigningService = "bedrock";

    private readonly Func<Task<AWSCredentials>> _credentials;
    private readonly TimeProvider _clock;

    public AwsSigV4BedrockCredentials(AWSCredentials credentials, string region, TimeProvider? clock = null)
        : this(FixedCredentials(credentials ?? throw new ArgumentNullException(nameof(credentials))), region, clock)
    {
    }

    private AwsSigV4BedrockCredentials(Func<Task<AWSCredentials>> credentials, string region, TimeProvider? clock)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(region);
        _credentials = credentials;
        Region = region;
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>
    /// Credentials from the AWS default chain (environment, web identity, profiles, ECS container
    /// credentials, EC2 instance metadata), resolved on the first request rather than at start-up,
    /// so a host that never calls Bedrock never probes for them. The chain caches what it found and is
    /// asked again on every request, so a failed first lookup (metadata endpoint not ready) is not final.
    /// </summary>
    /// <param name="region">The Bedrock region to call and sign for; not necessarily the app's region.</param>
    public static AwsSigV4BedrockCredentials FromDefaultChain(string region, TimeProvider? clock = null) =>
        new(() => DefaultAWSCredentialsIdentityResolver.GetCredentialsAsync(), region, clock);

    /// <inheritdoc />
    public string Region { get; }

    /// <inheritdoc />
    public async Task Apply(HttpRequestMessage requestMessage)
    {
        ArgumentNullException.ThrowIfNull(requestMessage);
        var credentials = await _credentials().ConfigureAwait(false);
        var identity = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        await SigV4Signer.SignAsync(requestMessage, identity, Region, SigningService, _clock.GetUtcNow()).ConfigureAwait(false);
    }

    private static Func<Task<AWSCredentials>> FixedCredentials(AWSCredentials credentials)
    {
        var resolved = Task.FromResult(credentials);
        return () => resolved;
    }
}
