using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime.Internal.Auth;
using Microsoft.AspNetCore.Http;

namespace SiteBuilder.TestSupport.FakeBedrockImages;

/// <summary>A key pair the fake accepts; a session token when the keys are temporary (ECS task role).</summary>
public sealed record FakeAwsKey(string AccessKeyId, string SecretAccessKey, string? SessionToken);

/// <summary>
/// Checks a request's SigV4 signature the way AWS does: rebuilds the canonical request from what actually
/// arrived (method, raw path, query, the signed headers' values, the body's hash) and recomputes the
/// signature with the AWS SDK's own <see cref="AWS4Signer"/>, an implementation independent of the client's.
/// </summary>
public static class SigV4Verifier
{
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromMinutes(15);

    /// <summary>Null when the signature holds; otherwise the reason, worded like AWS's error messages.</summary>
    public static string? Verify(HttpRequest request, string rawTarget, byte[] body, IEnumerable<FakeAwsKey> keys, string region, string service, DateTimeOffset now)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string Scheme = "AWS4-HMAC-SHA256 ";
        if (!authorization.StartsWith(Scheme, StringComparison.Ordinal))
        {
            return "Missing Authentication Token";
        }

        var parts = authorization[Scheme.Length..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("Credential", out var credential) || !parts.TryGetValue("SignedHeaders", out var signedHeaders)
            || !parts.TryGetValue("Signature", out var signature))
        {
            return "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters.";
        }

        var scope = credential.Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return $"Credential should be scoped to a valid region, not '{credential}'.";
        }

        var key = keys.FirstOrDefault(k => k.AccessKeyId == scope[0]);
        if (key is null)
        {
            return "The security token included in the request is invalid.";
        }

        if (scope[2] != region)
        {
            return $"Credential should be scoped to a valid region, not '{scope[2]}'.";
        }

        if (scope[3] != service)
        {
            return $"Credential should be scoped to correct service: '{service}'.";
        }

        var signedNames = signedHeaders.Split(';');
        if (!signedNames.Contains("host") || !signedNames.Contains("x-amz-date"))
        {
            return "The host and x-amz-date headers must be signed.";
        }

        if (!DateTime.TryParseExact(request.Headers["x-amz-date"].ToString(), "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return "x-amz-date is missing or not in the basic ISO 8601 format.";
        }

        if (scope[1] != signedAt.ToString("yyyyMMdd", CultureInfo.InvariantCulture))
        {
            return "The credential date does not match x-amz-date.";
        }

        if ((now - new DateTimeOffset(signedAt, TimeSpan.Zero)).Duration() > MaxClockSkew)
        {
            return "Signature expired: the request time is more than 15 minutes from the server time.";
        }

        var token = request.Headers["x-amz-security-token"].ToString();
        if (key.SessionToken is not null && (token != key.SessionToken || !signedNames.Contains("x-amz-security-token")))
        {
            return "The security token included in the request is invalid.";
        }

        var payloadHash = Convert.ToHexStringLower(SHA256.HashData(body));
        var declaredHash = request.Headers["x-amz-content-sha256"].ToString();
        if (declaredHash.Length > 0 && declaredHash != payloadHash)
        {
            return "The provided 'x-amz-content-sha256' header does not match what was computed.";
        }

        var canonical = new StringBuilder()
            .Append(request.Method).Append('\n')
            .Append(CanonicalPath(rawTarget)).Append('\n')
            .Append(CanonicalQuery(rawTarget)).Append('\n');
        foreach (var name in signedNames)
        {
            var value = name == "host" ? request.Host.Value ?? string.Empty : string.Join(',', request.Headers[name].ToArray());
            canonical.Append(name).Append(':').Append(string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries))).Append('\n');
        }

        canonical.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash);
        var expected = AWS4Signer.ComputeSignature(key.AccessKeyId, key.SecretAccessKey, region, signedAt, service, signedHeaders, canonical.ToString()).Signature;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? null
            : "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.";
    }

    /// <summary>Every path segment as received, percent-encoded once more (all services but S3).</summary>
    private static string CanonicalPath(string rawTarget)
    {
        var path = rawTarget.Split('?', 2)[0];
        return path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Encode));
    }

    private static string CanonicalQuery(string rawTarget)
    {
        var split = rawTarget.Split('?', 2);
        if (split.Length < 2 || split[1].Length == 0)
        {
            return string.Empty;
        }

        return string.Join('&', split[1].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Key: Encode(Uri.UnescapeDataString(p[0])), Value: Encode(p.Length > 1 ? Uri.UnescapeDataString(p[1]) : string.Empty)))
            .OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={p.Value}"));
    }

    private static string Encode(string value)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z') or (>= (byte)'0' and <= (byte)'9') or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return sb.ToString();
    }
}
