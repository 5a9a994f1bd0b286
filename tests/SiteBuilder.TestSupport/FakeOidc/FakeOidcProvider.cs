using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace SiteBuilder.TestSupport.FakeOidc;

/// <summary>
/// An OpenID Connect issuer on a loopback port: discovery document, JWKS and token minting. Stands in for a Cognito
/// user pool (<c>{Authority}</c> is the issuer) and for Entra's metadata in tests.
/// </summary>
public sealed class FakeOidcProvider : IAsyncDisposable
{
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly WebApplication _app;

    private FakeOidcProvider(WebApplication app, string authority)
    {
        _app = app;
        Authority = authority;
        SigningKey = new RsaSecurityKey(_rsa) { KeyId = "fake-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) };
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:5123/us-east-1_Test</c>.</summary>
    public string Authority { get; }

    public RsaSecurityKey SigningKey { get; }

    /// <summary>Starts a provider whose issuer path is <paramref name="issuerPath"/> (a user pool id, or an Entra tenant + <c>/v2.0</c>).</summary>
    public static async Task<FakeOidcProvider> StartAsync(string issuerPath = "us-east-1_TestPool")
    {
        var port = LoopbackPort.GetFree();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        var provider = new FakeOidcProvider(app, $"http://127.0.0.1:{port}/{issuerPath.Trim('/')}");
        var prefix = "/" + issuerPath.Trim('/');

        app.MapGet(prefix + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Authority,
            ["jwks_uri"] = provider.Authority + "/.well-known/jwks.json",
            ["authorization_endpoint"] = provider.Authority + "/oauth2/authorize",
            ["token_endpoint"] = provider.Authority + "/oauth2/token",
            ["end_session_endpoint"] = provider.Authority + "/oauth2/logout",
            ["response_types_supported"] = new[] { "code", "id_token", "code id_token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet(prefix + "/.well-known/jwks.json", () =>
        {
            var parameters = provider._rsa.ExportParameters(false);
            return Results.Json(new
            {
                keys = new[]
                {
                    new Dictionary<string, string>
                    {
                        ["kty"] = "RSA", ["use"] = "sig", ["alg"] = "RS256", ["kid"] = provider.SigningKey.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus), ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    },
                },
            });
        });

        await app.StartAsync();
        return provider;
    }

    /// <summary>A token signed by this provider with the given claims (issuer, iat, exp added).</summary>
    public string CreateToken(IDictionary<string, object> claims, TimeSpan? lifetime = null, SecurityKey? signWith = null)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now + (lifetime ?? TimeSpan.FromHours(1)),
            Claims = claims,
            SigningCredentials = new SigningCredentials(signWith ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A Cognito-style access token: <c>token_use</c>, <c>client_id</c>, <c>username</c>, <c>custom:tenant_id</c>, <c>cognito:groups</c>.</summary>
    public string CreateCognitoAccessToken(string clientId, string userName, string? tenant, params string[] groups)
    {
        var claims = new Dictionary<string, object>
        {
            ["sub"] = Guid.NewGuid().ToString(),
            ["token_use"] = "access",
            ["client_id"] = clientId,
            ["username"] = userName,
            ["cognito:groups"] = groups,
        };
        if (tenant is not null)
        {
            claims["custom:tenant_id"] = tenant;
        }

        return CreateToken(claims);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
