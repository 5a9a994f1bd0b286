using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.Runtime.EventStreams;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Generation.Providers.Tests;

/// <summary>The fake's wire behaviour seen with a plain HTTP client, so other suites can rely on it.</summary>
public class FakeBedrockServerTests
{
    private const string ValidBody = """{"anthropic_version":"bedrock-2023-05-31","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""";

    [Fact]
    public async Task StreamIsTheEventSequenceBedrockSendsInEventStreamFrames()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Page("<p>Hello</p>", deltas: 3) with { InputTokens = 42, OutputTokens = 7 });

        using var response = await SendAsync(bedrock, ValidBody);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/json", response.Headers.GetValues("X-Amzn-Bedrock-Content-Type").Single());
        var events = DecodeEvents(await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken));
        Assert.Equal(
            ["message_start", "content_block_start", "content_block_delta", "content_block_delta", "content_block_delta", "content_block_stop", "message_delta", "message_stop"],
            events.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal(42, events[0].GetProperty("message").GetProperty("usage").GetProperty("input_tokens").GetInt64());
        Assert.Equal("claude-sonnet-4-5-20250929", events[0].GetProperty("message").GetProperty("model").GetString());
        Assert.Equal("<p>Hello</p>", string.Concat(events.Skip(2).Take(3).Select(e => e.GetProperty("delta").GetProperty("text").GetString())));
        Assert.Equal(7, events[6].GetProperty("usage").GetProperty("output_tokens").GetInt64());
        Assert.Equal("end_turn", events[6].GetProperty("delta").GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task ErrorAnswerHasBedrocksStatusErrorTypeHeaderAndMessage()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        bedrock.Enqueue(FakeBedrockScript.Failing(BedrockHttpError.Throttling));

        using var response = await SendAsync(bedrock, ValidBody);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.StartsWith("ThrottlingException:", response.Headers.GetValues("x-amzn-ErrorType").Single(), StringComparison.Ordinal);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BedrockHttpError.Throttling.Message, body.RootElement.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("""{"anthropic_version":"2023-06-01","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""", "anthropic_version")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","model":"x","max_tokens":100,"messages":[{"role":"user","content":"hi"}]}""", "extraneous key [model]")]
    [InlineData("""{"anthropic_version":"bedrock-2023-05-31","messages":[{"role":"user","content":"hi"}]}""", "max_tokens")]
    public async Task BodyBedrockWouldRejectGetsAValidationException(string body, string messagePart)
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        using var response = await SendAsync(bedrock, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("ValidationException:", response.Headers.GetValues("x-amzn-ErrorType").Single(), StringComparison.Ordinal);
        Assert.Contains(messagePart, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnsignedRequestIsRefusedAndRecorded()
    {
        await using var bedrock = await FakeBedrockServer.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var client = new HttpClient();

        using var response = await client.PostAsync(
            new Uri(bedrock.BaseUrl, "/model/anthropic.claude-sonnet-4-5-20250929-v1:0/invoke-with-response-stream"),
            new StringContent(ValidBody, Encoding.UTF8, "application/json"),
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(bedrock.LastRequest.Signature!.IsValid);
        Assert.Contains("Missing Authentication Token", bedrock.LastRequest.Signature.Failure, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> SendAsync(FakeBedrockServer bedrock, string body)
    {
        var credentials = bedrock.Credentials;
        var signer = new AwsSigV4BedrockCredentials(new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken), credentials.Region);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(bedrock.BaseUrl, "/model/global.anthropic.claude-sonnet-4-5-20250929-v1%3A0/invoke-with-response-stream"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        await signer.Apply(request);
        using var client = new HttpClient();
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    /// <summary>Splits the body into frames by their prelude and decodes each with AWSSDK.Core's decoder.</summary>
    private static List<JsonElement> DecodeEvents(byte[] stream)
    {
        var events = new List<JsonElement>();
        for (var offset = 0; offset < stream.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(offset, 4));
            // Each frame on its own: AWSSDK.Core's decoder finds the end of the headers only when the frame starts at offset 0.
            var frame = stream.AsSpan(offset, length).ToArray();
            var message = EventStreamMessage.FromBuffer(frame, 0, frame.Length);
            Assert.Equal("chunk", message.Headers[":event-type"].AsString());
            using var payload = JsonDocument.Parse(message.Payload);
            var anthropicEvent = Convert.FromBase64String(payload.RootElement.GetProperty("bytes").GetString()!);
            events.Add(JsonDocument.Parse(anthropicEvent).RootElement.Clone());
            offset += length;
        }

        return events;
    }
}
