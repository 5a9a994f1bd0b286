using System.Net.Sockets;
using System.Text;
using System.Net.Http.Headers;
using System.Text.Json;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Testing;

namespace SiteBuilder.Portal.Tests.Agents;

/// <summary>
/// An upload over the 8 MB request limit, on a real Kestrel port (the in-memory test server does not enforce body limits):
/// refused with 413 as problem details, and nothing is stored.
/// </summary>
public sealed class OversizedUploadTests : IAsyncLifetime
{
    private readonly PortalFactory _portal = new();
    private string _address = "";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _address = _portal.StartOnLoopbackPort();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => _portal.DisposeAsync();

    [Fact]
    public async Task ABodyOver8MegabytesIsRefusedWith413AndNothingIsStored()
    {
        var token = await _portal.CreateTokenAsync("acme", Roles.Marketer);
        var uri = new Uri(_address);

        // As curl does: the headers announce 9 MB, and the answer comes before the body is sent (HttpClient would stop at the
        // broken pipe of the body it was still writing and never show the answer). HTTP/1.0, so the answer is not chunked.
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port, Ct);
        await using var stream = tcp.GetStream();
        var head = $"POST /v1/assets?fileName=huge.png HTTP/1.0\r\nHost: {uri.Authority}\r\nAuthorization: Bearer {token}\r\n" +
            $"X-Tenant-Id: acme\r\nContent-Type: image/png\r\nContent-Length: {9 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), Ct);
        await stream.WriteAsync(new byte[64 * 1024], Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync(Ct);

        Assert.Matches(@"^HTTP/1\.[01] 413 ", answer);
        Assert.Contains("Content-Type: application/problem+json", answer, StringComparison.OrdinalIgnoreCase);
        var problem = JsonDocument.Parse(answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..].Trim()).RootElement;
        Assert.Equal("VALIDATION_ERROR", problem.GetProperty("code").GetString());
        Assert.Contains("8 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var client = new HttpClient { BaseAddress = uri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        client.DefaultRequestHeaders.Add("X-Tenant-Id", "acme");
        var list = JsonDocument.Parse(await client.GetStringAsync("/v1/assets", Ct)).RootElement;
        Assert.Equal(0, list.GetProperty("assets").GetArrayLength());
    }
}
