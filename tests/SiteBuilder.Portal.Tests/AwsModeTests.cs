using System.Net;
using System.Net.Http.Json;
using Amazon.S3.Model;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Mvc.Testing;
using SiteBuilder.Identity;
using SiteBuilder.Portal.Api;
using SiteBuilder.Portal.Testing;
using SiteBuilder.Storage;
using SiteBuilder.TestSupport.Emulators;

namespace SiteBuilder.Portal.Tests;

/// <summary>
/// The portal as it runs in AWS: records in DynamoDB (dynalite), blobs and keys in S3 (s3rver), and two instances
/// behind one load balancer sharing tables, buckets, token signing keys and data-protection keys.
/// </summary>
public sealed class AwsModeTests(DynaliteEmulator dynalite, S3rverEmulator s3rver) : IAsyncLifetime
{
    private readonly ResourceNames _names = UniqueResourceNames.Create();
    private PortalFactory _first = default!;
    private PortalFactory _second = default!;
    private CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _first = Instance();
        _second = Instance();
        _ = _first.Server;
        _ = _second.Server;
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
    }

    [Fact]
    public async Task TokenMintedOnOneInstanceWorksOnTheOther()
    {
        var token = await _first.CreateTokenAsync("acme", Roles.Marketer);

        var me = await _second.CreateApiClient(token, "acme").GetFromJsonAsync<MeResponse>("/v1/me", Ct);

        Assert.Equal("acme", me!.Tenant);
    }

    [Fact]
    public async Task AccountsLiveInDynamoDbAndSessionsWorkOnEitherInstance()
    {
        var (account, password) = await _first.CreateUserAsync([Roles.Marketer], ["acme"]);
        var browser = _first.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var login = await browser.GetStringAsync("/account/login", Ct);
        var fields = new HtmlParser().ParseDocument(login).QuerySelectorAll("form.account-form input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        fields.Add(new("Input.UserName", account.UserName));
        fields.Add(new("Input.Password", password));
        var signedIn = await browser.PostAsync("/account/login", new FormUrlEncodedContent(fields), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("sitebuilder.session=", StringComparison.Ordinal)).Split(';')[0];

        // The second instance reads the first one's cookie: the data-protection keys are shared through S3.
        var other = _second.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        var home = await other.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains(account.UserName, await home.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SigningAndDataProtectionKeysAreInTheAssetsBucketUnderTheSystemPrefix()
    {
        await _first.CreateTokenAsync("acme");
        await _first.CreateClient().GetAsync("/account/login", Ct);

        var objects = await s3rver.Client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = _names.AssetsBucket, Prefix = "_system/" }, Ct);
        var keys = (objects.S3Objects ?? []).Select(o => o.Key).ToList();

        Assert.Contains(keys, k => k.StartsWith("_system/jwt/keys/", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("_system/dataprotection/", StringComparison.Ordinal));
        Assert.False(Directory.Exists(Path.Combine(_first.DataDirectory, "blobs")), "AWS mode must not write blobs to the local data directory.");
    }

    [Fact]
    public async Task ReadinessReportsDynamoDbAndS3()
    {
        var body = await _second.CreateClient().GetStringAsync("/health/ready", Ct);

        Assert.Contains("DynamoDB tables answer", body, StringComparison.Ordinal);
        Assert.Contains("S3 blob store answers", body, StringComparison.Ordinal);
    }

    private PortalFactory Instance() => new PortalFactory().OnEmulators(dynalite, s3rver, _names);
}
