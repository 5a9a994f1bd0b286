using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using SiteBuilder.Operations.Environments;

namespace SiteBuilder.Operations.Deployments;

/// <summary>
/// After the engine: the environment's health URL must answer <c>healthy</c>, and the validation API must answer a smoke call
/// (without a token it must refuse with the API's own 401 problem: routing, authentication and error handling all work).
/// </summary>
public sealed class DeploymentVerifier(IHttpClientFactory clients, IOptions<OperationsOptions> options)
{
    public const string HttpClientName = "SiteBuilder.Operations.Verification";

    public async Task<IReadOnlyList<VerificationResult>> VerifyAsync(OpsEnvironment environment, CancellationToken cancellationToken) =>
        [await CheckHealthAsync(environment, cancellationToken), await SmokeValidateAsync(environment, cancellationToken)];

    public async Task<VerificationResult> CheckHealthAsync(OpsEnvironment environment, CancellationToken cancellationToken)
    {
        var url = environment.HealthUrl;
        try
        {
            using var response = await Send(new HttpRequestMessage(HttpMethod.Get, url), cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return new("health", url.ToString(), false, $"{(int)response.StatusCode} {response.ReasonPhrase}");
            }

            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var status = body.RootElement.TryGetProperty("status", out var s) ? s.GetString() : null;
            var version = body.RootElement.TryGetProperty("version", out var v) ? v.GetString() : null;
            return status == "healthy"
                ? new("health", url.ToString(), true, $"200 healthy{(version is null ? "" : $", version {version}")}")
                : new("health", url.ToString(), false, $"200 but status '{status}'");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new("health", url.ToString(), false, Describe(e));
        }
    }

    private async Task<VerificationResult> SmokeValidateAsync(OpsEnvironment environment, CancellationToken cancellationToken)
    {
        var url = new Uri(environment.ApiBaseUrl, "v1/validate");
        try
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent("""{"html":"<!DOCTYPE html><title>smoke</title>"}""", Encoding.UTF8, "application/json"),
            };
            using var response = await Send(request, cancellationToken);
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
                ? await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)
                : default;
            var code = problem.ValueKind == JsonValueKind.Object && problem.TryGetProperty("code", out var c) ? c.GetString() : null;
            return response.StatusCode == HttpStatusCode.Unauthorized && code == "UNAUTHORIZED"
                ? new("smoke:validate", url.ToString(), true, "The validation API answered and asked for a token (401 UNAUTHORIZED)")
                : new("smoke:validate", url.ToString(), false, $"Expected 401 UNAUTHORIZED problem details, got {(int)response.StatusCode}{(code is null ? "" : $" {code}")}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new("smoke:validate", url.ToString(), false, Describe(e));
        }
    }

    private async Task<HttpResponseMessage> Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.VerificationTimeout);
        return await clients.CreateClient(HttpClientName).SendAsync(request, timeout.Token);
    }

    private string Describe(Exception e) => e switch
    {
        TaskCanceledException => $"No answer within {options.Value.VerificationTimeout.TotalSeconds:0.#} s",
        JsonException => "The answer is not JSON",
        _ => e.Message,
    };
}
