using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using Anthropic.Bedrock;

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
        var uri = requestMessage.RequestUri ?? throw new InvalidOperationException("The Bedrock request has no URI to sign.");

        var credentials = await _credentials().ConfigureAwait(false);
        var identity = await credentials.GetCredentialsAsync().ConfigureAwait(false);

        var now = _clock.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var amzDate = now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

        // Reading the content buffers it, so the bytes hashed here are the bytes sent.
        var body = requestMessage.Content is null ? [] : await requestMessage.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));

        var signedHeaders = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = requestMessage.Headers.Host ?? HostHeaderOf(uri),
            ["x-amz-content-sha256"] = payloadHash,
            ["x-amz-date"] = amzDate,
        };
        if (identity.UseToken)
        {
            signedHeaders["x-amz-security-token"] = identity.Token;
        }

        foreach (var (name, value) in signedHeaders)
        {
            if (name != "host")
            {
                requestMessage.Headers.Remove(name);
                requestMessage.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var signedHeaderNames = string.Join(';', signedHeaders.Keys);
        var canonicalRequest = new StringBuilder()
            .Append(requestMessage.Method.Method).Append('\n')
            .Append(CanonicalPath(uri)).Append('\n')
            .Append(CanonicalQuery(uri)).Append('\n');
        foreach (var (name, value) in signedHeaders)
        {
            canonicalRequest.Append(name).Append(':').Append(value.Trim()).Append('\n');
        }

        canonicalRequest.Append('\n').Append(signedHeaderNames).Append('\n').Append(payloadHash);

        var signature = AWS4Signer.ComputeSignature(identity, Region, now, SigningService, signedHeaderNames, canonicalRequest.ToString());
        requestMessage.Headers.Remove("Authorization");
        requestMessage.Headers.TryAddWithoutValidation("Authorization", signature.ForAuthorizationHeader);
    }

    private static Func<Task<AWSCredentials>> FixedCredentials(AWSCredentials credentials)
    {
        var resolved = Task.FromResult(credentials);
        return () => resolved;
    }

    private static string HostHeaderOf(Uri uri) => uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Every service but S3 encodes each path segment once more for the canonical request: the model id's
    /// colon goes on the wire as <c>%3A</c> and is signed as <c>%253A</c>.
    /// </summary>
    private static string CanonicalPath(Uri uri)
    {
        // The SDK builds the URI with canonicalization off: AbsolutePath is the path as it goes on the wire.
        var rawPath = uri.AbsolutePath;
        if (rawPath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', rawPath.Split('/').Select(segment => AWSSDKUtils.UrlEncode(segment, path: false)));
    }

    private static string CanonicalQuery(Uri uri)
    {
        var query = uri.Query.TrimStart('?');
        if (query.Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', query
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair =>
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
                var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
                return (Name: AWSSDKUtils.UrlEncode(name, path: false), Value: AWSSDKUtils.UrlEncode(value, path: false));
            })
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
    }
}
