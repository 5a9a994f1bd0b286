using System.Net.Http.Headers;
using System.Security.Cryptography;
using Amazon.Runtime;
using SiteBuilder.Storage.Aws;

namespace SiteBuilder.Storage.Tests.Aws;

public sealed class SigV4SignerTests
{
    private const string ExampleSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

    [Fact]
    public void SignatureMatchesTheAwsGetVanillaTestVector()
    {
        // From AWS's published SigV4 test suite: GET / on example.amazonaws.com, service "service", us-east-1.
        var headers = new Dictionary<string, string> { ["host"] = "example.amazonaws.com", ["x-amz-date"] = "20150830T123600Z" };
        var emptyHash = Convert.ToHexStringLower(SHA256.HashData([]));

        var canonical = SigV4Signer.CanonicalRequest("GET", new Uri("https://example.amazonaws.com/"), headers, "host;x-amz-date", emptyHash);
        var stringToSign = SigV4Signer.StringToSign("20150830T123600Z", "20150830/us-east-1/service/aws4_request", canonical);
        var signature = SigV4Signer.Signature(ExampleSecret, "20150830", "us-east-1", "service", stringToSign);

        Assert.Equal($"GET\n/\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\nhost;x-amz-date\n{emptyHash}", canonical);
        Assert.Equal("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31", signature);
    }

    [Fact]
    public void AModelIdColonIsEncodedTwiceInTheCanonicalPath()
        => Assert.Equal("/model/stability.sd3-5-large-v1%253A0/invoke", SigV4Signer.CanonicalPath("/model/stability.sd3-5-large-v1%3A0/invoke"));

    [Fact]
    public void SigningAddsDatePayloadHashAndAuthorization()
    {
        var body = "{\"prompt\":\"x\"}"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bedrock-runtime.us-west-2.amazonaws.com/model/amazon.nova-canvas-v1%3A0/invoke")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        SigV4Signer.Sign(request, body, new ImmutableCredentials("AKIDEXAMPLE", ExampleSecret, null), "us-west-2", "bedrock",
            new DateTimeOffset(2026, 11, 25, 20, 0, 0, TimeSpan.Zero));

        Assert.Equal("20261125T200000Z", request.Headers.GetValues("x-amz-date").Single());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), request.Headers.GetValues("x-amz-content-sha256").Single());
        Assert.False(request.Headers.Contains("x-amz-security-token"));
        Assert.Equal("AWS4-HMAC-SHA256", request.Headers.Authorization!.Scheme);
        Assert.Matches("^Credential=AKIDEXAMPLE/20261125/us-west-2/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$",
            request.Headers.Authorization.Parameter);
    }

    [Fact]
    public void SigningTwiceReplacesTheEarlierSignature()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        var credentials = new ImmutableCredentials("AKIDEXAMPLE", ExampleSecret, "token-1");

        SigV4Signer.Sign(request, [], credentials, "us-east-1", "service", DateTimeOffset.UnixEpoch);
        SigV4Signer.Sign(request, [], credentials, "us-east-1", "service", DateTimeOffset.UnixEpoch.AddHours(1));

        Assert.Single(request.Headers.GetValues("x-amz-date"));
        Assert.Equal("token-1", request.Headers.GetValues("x-amz-security-token").Single());
        Assert.Contains("x-amz-security-token", request.Headers.Authorization!.Parameter, StringComparison.Ordinal);
    }
}
