using SiteBuilder.TestSupport.Aws;
using System.Globalization;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Generation.Providers.Tests;

/// <summary>The fake's verifier must be right before it can judge the signer: checked against AWS's own SigV4 test suite.</summary>
public class SigV4VerifierTests
{
    private static readonly FakeAwsCredentials AwsExample = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null, "us-east-1");
    private static readonly DateTimeOffset SignedAt = DateTimeOffset.Parse("2015-08-30T12:36:00Z", CultureInfo.InvariantCulture);

    private static readonly KeyValuePair<string, string>[] GetVanillaHeaders =
    [
        new("Host", "example.amazonaws.com"),
        new("X-Amz-Date", "20150830T123600Z"),
        new("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"),
    ];

    [Fact]
    public void AwsTestSuiteGetVanillaVerifies()
    {
        var verdict = SigV4Verifier.Verify("GET", "/", GetVanillaHeaders, [], AwsExample, "service", SignedAt);

        Assert.True(verdict.IsValid, verdict.Failure);
        Assert.Equal(["host", "x-amz-date"], verdict.SignedHeaders);
    }

    [Fact]
    public void ChangedPathFailsVerification()
    {
        var verdict = SigV4Verifier.Verify("GET", "/other", GetVanillaHeaders, [], AwsExample, "service", SignedAt);

        Assert.False(verdict.IsValid);
        Assert.Contains("signature we calculated does not match", verdict.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ChangedBodyFailsVerification()
    {
        var verdict = SigV4Verifier.Verify("GET", "/", GetVanillaHeaders, "tampered"u8, AwsExample, "service", SignedAt);

        Assert.False(verdict.IsValid);
    }

    [Fact]
    public void SignatureOlderThanFifteenMinutesIsExpired()
    {
        var verdict = SigV4Verifier.Verify("GET", "/", GetVanillaHeaders, [], AwsExample, "service", SignedAt.AddMinutes(16));

        Assert.False(verdict.IsValid);
        Assert.StartsWith("Signature expired", verdict.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TemporaryCredentialsWithoutSessionTokenAreRejected()
    {
        var temporary = AwsExample with { SessionToken = "session-token" };

        var verdict = SigV4Verifier.Verify("GET", "/", GetVanillaHeaders, [], temporary, "service", SignedAt);

        Assert.False(verdict.IsValid);
        Assert.Contains("x-amz-security-token", verdict.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void PathSegmentsAreEncodedOnceMoreForTheCanonicalRequest()
    {
        Assert.Equal("v1%253A0", SigV4Verifier.UriEncode("v1%3A0"));
        Assert.Equal("a-b_c.d~e", SigV4Verifier.UriEncode("a-b_c.d~e"));
    }
}
