using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;

namespace SiteBuilder.Storage.Aws;

/// <summary>
/// AWS Signature Version 4 for an <see cref="HttpRequestMessage"/>, written against the published algorithm (IAM user
/// guide, "Create a signed AWS API request"). The one signer of the code base: Bedrock runtime (pages and images) and
/// CloudWatch's GetMetricData, for which no SDK client package is available here.
/// </summary>
public static class SigV4Signer
{
    public const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Signs a request whose body is still in its content: reading it buffers it, so the bytes hashed are the bytes sent.</summary>
    public static async Task SignAsync(HttpRequestMessage request, ImmutableCredentials credentials, string region, string service, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        Sign(request, body, credentials, region, service, now);
    }

    /// <summary>
    /// Adds <c>x-amz-date</c>, <c>x-amz-content-sha256</c>, <c>x-amz-security-token</c> (when the credentials are
    /// temporary, e.g. an ECS task role) and <c>Authorization</c>. Signed: host, content-type and the x-amz-* headers.
    /// </summary>
    public static void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, ImmutableCredentials credentials, string region, string service, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(credentials);
        var uri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request));
        if (!uri.IsAbsoluteUri)
        {
            throw new ArgumentException("The request URI must be absolute.", nameof(request));
        }

        var amzDate = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var dateStamp = amzDate[..8];
        var payloadHash = Hex(SHA256.HashData(body));

        foreach (var name in new[] { "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "Authorization" })
        {
            request.Headers.Remove(name);
        }

        request.Headers.TryAddWithoutValidation("x-amz-date", amzDate);
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", payloadHash);
        if (credentials.UseToken)
        {
            request.Headers.TryAddWithoutValidation("x-amz-security-token", credentials.Token);
        }

        var headers = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["host"] = request.Headers.Host ?? (uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port.ToString(CultureInfo.InvariantCulture)}"),
            ["x-amz-date"] = amzDate,
            ["x-amz-content-sha256"] = payloadHash,
        };
        if (credentials.UseToken)
        {
            headers["x-amz-security-token"] = credentials.Token;
        }

        if (request.Content?.Headers.ContentType is { } contentType)
        {
            headers["content-type"] = contentType.ToString();
        }

        var signedHeaders = string.Join(';', headers.Keys);
        var canonicalRequest = CanonicalRequest(request.Method.Method, uri, headers, signedHeaders, payloadHash);
        var scope = $"{dateStamp}/{region}/{service}/aws4_request";
        var signature = Signature(credentials.SecretKey, dateStamp, region, service, StringToSign(amzDate, scope, canonicalRequest));

        request.Headers.Authorization = new AuthenticationHeaderValue(Algorithm,
            $"Credential={credentials.AccessKey}/{scope}, SignedHeaders={signedHeaders}, Signature={signature}");
    }

    /// <summary>
    /// The canonical request. The path is taken as it goes on the wire (already percent-encoded) and encoded
    /// once more, as SigV4 requires for every service but S3: a Bedrock model id "…-v1:0" travels as
    /// <c>-v1%3A0</c> and is signed as <c>-v1%253A0</c>.
    /// </summary>
    internal static string CanonicalRequest(string method, Uri uri, IReadOnlyDictionary<string, string> headers, string signedHeaders, string payloadHash)
    {
        var sb = new StringBuilder()
            .Append(method).Append('\n')
            .Append(CanonicalPath(uri.AbsolutePath)).Append('\n')
            .Append(CanonicalQuery(uri.Query)).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            sb.Append(name).Append(':').Append(CollapseSpaces(headers[name])).Append('\n');
        }

        return sb.Append('\n').Append(signedHeaders).Append('\n').Append(payloadHash).ToString();
    }

    internal static string StringToSign(string amzDate, string scope, string canonicalRequest)
        => $"{Algorithm}\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";

    internal static string Signature(string secretKey, string dateStamp, string region, string service, string stringToSign)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretKey), Encoding.UTF8.GetBytes(dateStamp));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(region));
        key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(service));
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        return Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
    }

    internal static string CanonicalPath(string absolutePath)
    {
        if (absolutePath.Length == 0)
        {
            return "/";
        }

        return string.Join('/', absolutePath.Split('/').Select(UriEncode));
    }

    private static string CanonicalQuery(string query)
    {
        if (query.Length <= 1)
        {
            return string.Empty;
        }

        var pairs = query[1..].Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p =>
            {
                var eq = p.IndexOf('=');
                var key = Uri.UnescapeDataString(eq < 0 ? p : p[..eq]);
                var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(p[(eq + 1)..]);
                return (Key: UriEncode(key), Value: UriEncode(value));
            })
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal);
        return string.Join('&', pairs.Select(p => $"{p.Key}={p.Value}"));
    }

    /// <summary>RFC 3986 encoding of everything but the unreserved characters, upper-case hex, as SigV4 specifies.</summary>
    internal static string UriEncode(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                sb.Append(c);
            }
            else
            {
                sb.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return sb.ToString();
    }

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);
}
