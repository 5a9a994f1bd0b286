using System.Globalization;
using System.Security.Cryptography;
using System.Text;

using Microsoft.AspNetCore.Http;

namespace SiteBuilder.TestSupport.Aws;

/// <summary>AWS credentials a fake endpoint knows, so it can check the signatures it receives.</summary>
/// <param name="SessionToken">Set for temporary credentials (an ECS task role, an assumed role): requests must carry it.</param>
public sealed record FakeAwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken, string Region)
{
    /// <summary>Temporary credentials, like an ECS task role's: requests must send <c>x-amz-security-token</c>.</summary>
    public static FakeAwsCredentials Temporary { get; } = new(
        "ASIAFAKEBEDROCKTEST1",
        "fakeSecretKeyForTheFakeBedrockEndpoint/0123",
        "FwoGZXIvYXdzEFakeSessionTokenForTests//////////wEaDFAKE+token/with+base64=",
        "us-east-1");

    /// <summary>Long-term access keys: no session token.</summary>
    public static FakeAwsCredentials LongTerm { get; } = new(
        "AKIAFAKEBEDROCKTEST2",
        "anotherFakeSecretKeyForTheFakeEndpoint/4567",
        null,
        "us-east-1");
}

/// <summary>Whether a request's SigV4 signature holds, and if not, why.</summary>
public sealed record SigV4Verdict(bool IsValid, string? Failure, IReadOnlyList<string> SignedHeaders)
{
    public static SigV4Verdict Valid(IReadOnlyList<string> signedHeaders) => new(true, null, signedHeaders);

    public static SigV4Verdict Invalid(string failure, IReadOnlyList<string>? signedHeaders = null) => new(false, failure, signedHeaders ?? []);
}

/// <summary>
/// Checks AWS Signature Version 4 the way the service does, written from the specification and
/// independent of any signer under test: canonical request (each path segment URI-encoded once more,
/// as every service but S3 expects), string to sign, derived key, HMAC. The one verifier every fake AWS endpoint uses.
/// </summary>
public static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Verifies a request that arrived at a fake endpoint built on ASP.NET Core, against whichever of <paramref name="keys"/>
    /// its credential scope names (an endpoint may accept long-term and temporary keys).
    /// </summary>
    /// <param name="rawTarget">The request target exactly as received (<c>IHttpRequestFeature.RawTarget</c>).</param>
    public static SigV4Verdict Verify(HttpRequest request, string rawTarget, ReadOnlySpan<byte> body, IEnumerable<FakeAwsCredentials> keys, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        var authorization = request.Headers.Authorization.ToString();
        var credentialAt = authorization.IndexOf("Credential=", StringComparison.Ordinal);
        var accessKey = credentialAt < 0 ? string.Empty : authorization[(credentialAt + "Credential=".Length)..].Split('/', 2)[0];
        var key = keys.FirstOrDefault(k => k.AccessKeyId == accessKey) ?? keys.First();
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v ?? string.Empty)));
        return Verify(request.Method, rawTarget, headers, body, key, service, now);
    }

    /// <param name="rawTarget">The request target exactly as received: path (still percent-encoded) and query.</param>
    /// <param name="headers">Request headers; a name may repeat.</param>
    public static SigV4Verdict Verify(
        string method,
        string rawTarget,
        IEnumerable<KeyValuePair<string, string>> headers,
        ReadOnlySpan<byte> body,
        FakeAwsCredentials credentials,
        string service,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var headerValues = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            if (!headerValues.TryGetValue(name, out var values))
            {
                headerValues[name] = values = [];
            }

            values.Add(value);
        }

        string? Header(string name) => headerValues.TryGetValue(name, out var values) ? string.Join(',', values) : null;

        var authorization = Header("Authorization");
        if (authorization is null || !authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return SigV4Verdict.Invalid("Missing Authentication Token: no AWS4-HMAC-SHA256 Authorization header.");
        }

        var parts = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential)
            || !parts.TryGetValue("SignedHeaders", out var signedHeaderList)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return SigV4Verdict.Invalid("Authorization header lacks Credential, SignedHeaders or Signature.");
        }

        var signedHeaders = signedHeaderList.Split(';');
        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return SigV4Verdict.Invalid($"Malformed credential scope '{credential}'.", signedHeaders);
        }

        if (scope[0] != credentials.AccessKeyId)
        {
            return SigV4Verdict.Invalid($"The security token included in the request is invalid: unknown access key '{scope[0]}'.", signedHeaders);
        }

        if (scope[2] != credentials.Region || scope[3] != service)
        {
            return SigV4Verdict.Invalid($"Credential should be scoped to region '{credentials.Region}' and service '{service}', not '{scope[2]}'/'{scope[3]}'.", signedHeaders);
        }

        var amzDate = Header("x-amz-date");
        if (amzDate is null || !DateTimeOffset.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return SigV4Verdict.Invalid("Missing or malformed x-amz-date.", signedHeaders);
        }

        if (scope[1] != amzDate[..8])
        {
            return SigV4Verdict.Invalid($"Credential date '{scope[1]}' does not match x-amz-date '{amzDate}'.", signedHeaders);
        }

        if ((now - signedAt).Duration() > AllowedSkew)
        {
            return SigV4Verdict.Invalid($"Signature expired: signed at {amzDate}, now {now:yyyyMMdd'T'HHmmss'Z'}.", signedHeaders);
        }

        if (!signedHeaders.Contains("host") || !signedHeaders.Contains("x-amz-date"))
        {
            return SigV4Verdict.Invalid("SignedHeaders must include host and x-amz-date.", signedHeaders);
        }

        var token = Header("x-amz-security-token");
        if (credentials.SessionToken is not null && token != credentials.SessionToken)
        {
            return SigV4Verdict.Invalid(token is null
                ? "The security token included in the request is invalid: temporary credentials need x-amz-security-token."
                : "The security token included in the request is invalid.", signedHeaders);
        }

        if (credentials.SessionToken is null && token is not null)
        {
            return SigV4Verdict.Invalid("The security token included in the request is invalid: these credentials have no session token.", signedHeaders);
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var declaredHash = Header("x-amz-content-sha256");
        if (declaredHash is not null && declaredHash != payloadHash)
        {
            return SigV4Verdict.Invalid("x-amz-content-sha256 does not match the body.", signedHeaders);
        }

        var canonical = new StringBuilder();
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? string.Empty : rawTarget[(queryStart + 1)..];
        canonical.Append(method).Append('\n');
        canonical.Append(string.Join('/', path.Split('/').Select(UriEncode))).Append('\n');
        canonical.Append(CanonicalQuery(query)).Append('\n');
        foreach (var name in signedHeaders)
        {
            var value = Header(name);
            if (value is null)
            {
                return SigV4Verdict.Invalid($"Signed header '{name}' is not in the request.", signedHeaders);
            }

            canonical.Append(name).Append(':').Append(CollapseSpaces(value.Trim())).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaderList).Append('\n').Append(payloadHash);

        var credentialScope = $"{scope[1]}/{scope[2]}/{scope[3]}/aws4_request";
        var stringToSign = $"{Algorithm}\n{amzDate}\n{credentialScope}\n{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())))}";
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + credentials.SecretAccessKey), scope[1]);
        key = Hmac(key, scope[2]);
        key = Hmac(key, scope[3]);
        key = Hmac(key, "aws4_request");
        var expected = Convert.ToHexStringLower(Hmac(key, stringToSign));

        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? SigV4Verdict.Valid(signedHeaders)
            : SigV4Verdict.Invalid(
                "The request signature we calculated does not match the signature you provided. "
                + $"Check your AWS Secret Access Key and signing method. The Canonical String for this request should have been\n'{canonical}'",
                signedHeaders);
    }

    /// <summary>RFC 3986 encoding of everything but the unreserved characters, upper-case hex.</summary>
    public static string UriEncode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var encoded = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                encoded.Append(c);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private static string CanonicalQuery(string query) => string.Join('&', query
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair =>
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            var value = equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..]);
            return (Name: UriEncode(name), Value: UriEncode(value));
        })
        .OrderBy(p => p.Name, StringComparer.Ordinal)
        .ThenBy(p => p.Value, StringComparer.Ordinal)
        .Select(p => $"{p.Name}={p.Value}"));

    private static string CollapseSpaces(string value)
    {
        var collapsed = new StringBuilder(value.Length);
        var previousSpace = false;
        foreach (var c in value)
        {
            if (c == ' ')
            {
                if (!previousSpace)
                {
                    collapsed.Append(c);
                }

                previousSpace = true;
            }
            else
            {
                collapsed.Append(c);
                previousSpace = false;
            }
        }

        return collapsed.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));
}
