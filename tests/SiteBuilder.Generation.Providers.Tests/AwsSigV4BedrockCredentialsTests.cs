using SiteBuilder.TestSupport.Aws;
using System.Globalization;
using System.Text;
using Amazon.Runtime;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Generation.Providers.Tests;

public class AwsSigV4BedrockCredentialsTests
{
    private static readonly Uri StreamUri = new("https://bedrock-runtime.us-east-1.amazonaws.com/model/global.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream");

    [Fact]
    public async Task TemporaryCredentialsSendTheirSessionTokenAndTheSignatureVerifies()
    {
        var fake = FakeAwsCredentials.Temporary;
        var credentials = new AwsSigV4BedrockCredentials(new SessionAWSCredentials(fake.AccessKeyId, fake.SecretAccessKey, fake.SessionToken), fake.Region);
        using var request = NewRequest();

        await credentials.Apply(request);

        Assert.Equal(fake.SessionToken, request.Headers.GetValues("x-amz-security-token").Single());
        var verdict = await VerifyAsync(request, fake);
        Assert.True(verdict.IsValid, verdict.Failure);
        Assert.Contains("x-amz-security-token", verdict.SignedHeaders);
    }

    [Fact]
    public async Task LongTermCredentialsSendNoSessionToken()
    {
        var fake = FakeAwsCredentials.LongTerm;
        var credentials = new AwsSigV4BedrockCredentials(new BasicAWSCredentials(fake.AccessKeyId, fake.SecretAccessKey), fake.Region);
        using var request = NewRequest();

        await credentials.Apply(request);

        Assert.False(request.Headers.Contains("x-amz-security-token"));
        var verdict = await VerifyAsync(request, fake);
        Assert.True(verdict.IsValid, verdict.Failure);
    }

    [Fact]
    public async Task RefreshedCredentialsAreUsedForTheNextRequest()
    {
        var rotating = new RotatingCredentials();
        var credentials = new AwsSigV4BedrockCredentials(rotating, "us-east-1");
        using var first = NewRequest();
        using var second = NewRequest();

        await credentials.Apply(first);
        await credentials.Apply(second);

        Assert.Equal("token-1", first.Headers.GetValues("x-amz-security-token").Single());
        Assert.Equal("token-2", second.Headers.GetValues("x-amz-security-token").Single());
    }

    [Fact]
    public async Task SignatureCoversTheBody()
    {
        var fake = FakeAwsCredentials.Temporary;
        var credentials = new AwsSigV4BedrockCredentials(new SessionAWSCredentials(fake.AccessKeyId, fake.SecretAccessKey, fake.SessionToken), fake.Region);
        using var request = NewRequest();
        await credentials.Apply(request);

        request.Content = new StringContent("""{"max_tokens":1}""", Encoding.UTF8, "application/json");
        request.Headers.Remove("x-amz-content-sha256");

        Assert.False((await VerifyAsync(request, fake)).IsValid);
    }

    [Fact]
    public void RegionIsTheBedrockRegionGiven()
    {
        Assert.Equal("eu-central-1", AwsSigV4BedrockCredentials.FromDefaultChain("eu-central-1").Region);
    }

    private static HttpRequestMessage NewRequest() => new(HttpMethod.Post, StreamUri)
    {
        Content = new StringContent("""{"anthropic_version":"bedrock-2023-05-31","max_tokens":16000,"messages":[]}""", Encoding.UTF8, "application/json"),
    };

    /// <summary>Verifies the request as it would go on the wire: the Host header is the URI's authority.</summary>
    private static async Task<SigV4Verdict> VerifyAsync(HttpRequestMessage request, FakeAwsCredentials credentials)
    {
        var headers = request.Headers.Concat(request.Content!.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        headers.Add(new("Host", request.Headers.Host ?? request.RequestUri!.Authority));
        var body = await request.Content!.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        return SigV4Verifier.Verify(request.Method.Method, request.RequestUri!.AbsolutePath, headers, body, credentials, "bedrock", DateTimeOffset.UtcNow);
    }

    private sealed class RotatingCredentials : AWSCredentials
    {
        private int _issued;

        public override ImmutableCredentials GetCredentials()
        {
            var n = Interlocked.Increment(ref _issued);
            return new ImmutableCredentials("ASIAROTATING", "rotating-secret", "token-" + n.ToString(CultureInfo.InvariantCulture));
        }
    }
}
