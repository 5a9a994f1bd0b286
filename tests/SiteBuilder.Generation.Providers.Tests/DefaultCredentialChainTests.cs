using SiteBuilder.TestSupport.Aws;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SiteBuilder.Generation.Providers.Bedrock;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Generation.Providers.Tests;

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

/// <summary>
/// The AWS default chain as an ECS task sees it: credentials served by the container credentials
/// endpoint, session token included. Changes process environment variables, so it runs alone.
/// </summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class DefaultCredentialChainTests : IDisposable
{
    private static readonly string[] ChainVariables =
    [
        "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SECRET_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
        "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
        "AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_SHARED_CREDENTIALS_FILE",
        "AWS_CONFIG_FILE", "AWS_EC2_METADATA_DISABLED",
    ];

    private readonly Dictionary<string, string?> _saved = ChainVariables.ToDictionary(v => v, Environment.GetEnvironmentVariable);
    private readonly string _emptyDirectory = Directory.CreateTempSubdirectory("sitebuilder-aws-").FullName;

    [Fact]
    public async Task EcsTaskRoleCredentialsAreSignedWithTheirSessionToken()
    {
        var role = FakeAwsCredentials.Temporary;
        await using var containerEndpoint = await LoopbackWebApp.StartAsync(
            context => context.Response.WriteAsync(
                JsonSerializer.Serialize(new Dictionary<string, string>
                {
                    ["RoleArn"] = "arn:aws:iam::123456789012:role/site-builder-task",
                    ["AccessKeyId"] = role.AccessKeyId,
                    ["SecretAccessKey"] = role.SecretAccessKey,
                    ["Token"] = role.SessionToken!,
                    ["Expiration"] = DateTime.UtcNow.AddHours(6).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                }),
                context.RequestAborted),
            TestContext.Current.CancellationToken);
        foreach (var variable in ChainVariables)
        {
            Environment.SetEnvironmentVariable(variable, null);
        }

        Environment.SetEnvironmentVariable("AWS_SHARED_CREDENTIALS_FILE", Path.Combine(_emptyDirectory, "credentials"));
        Environment.SetEnvironmentVariable("AWS_CONFIG_FILE", Path.Combine(_emptyDirectory, "config"));
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_CONTAINER_CREDENTIALS_FULL_URI", new Uri(containerEndpoint.BaseUrl, "/v2/credentials/task").ToString());

        var credentials = AwsSigV4BedrockCredentials.FromDefaultChain(role.Region);
        using var request = new HttpRequestMessage(HttpMethod.Post, "https://bedrock-runtime.us-east-1.amazonaws.com/model/m/invoke-with-response-stream")
        {
            Content = new StringContent("{}"),
        };
        await credentials.Apply(request);

        Assert.Equal(role.SessionToken, request.Headers.GetValues("x-amz-security-token").Single());
        var headers = request.Headers.Concat(request.Content.Headers).SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).Append(new("Host", request.RequestUri!.Authority));
        var verdict = SigV4Verifier.Verify("POST", request.RequestUri.AbsolutePath, headers, "{}"u8, role, "bedrock", DateTimeOffset.UtcNow);
        Assert.True(verdict.IsValid, verdict.Failure);
    }

    public void Dispose()
    {
        foreach (var (variable, value) in _saved)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }

        Directory.Delete(_emptyDirectory, recursive: true);
    }
}
