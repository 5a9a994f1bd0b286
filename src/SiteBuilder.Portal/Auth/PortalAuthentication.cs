using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.Identity.Web;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using SiteBuilder.Identity;
using SiteBuilder.Identity.Accounts;
using SiteBuilder.Identity.Tokens;
using SiteBuilder.Portal.Api;
using SiteBuilder.Storage;

namespace SiteBuilder.Portal.Auth;

/// <summary>
/// Who may do what. The portal signs people in with a cookie (local accounts, or Microsoft Entra ID when the
/// <c>AzureAd</c> section is set); <c>/v1</c> accepts bearer tokens from the portal's own issuer and, when configured, Cognito
/// and Entra.
/// </summary>
public static class PortalAuthentication
{
    public const string CookieScheme = "Portal";
    public const string EntraScheme = "Entra";
    public const string ApiScheme = "Api";
    public const string LocalJwtScheme = "LocalJwt";
    public const string CognitoScheme = "Cognito";
    public const string EntraBearerScheme = "EntraBearer";

    public const string ApiPolicy = "Api";
    public const string AdminPolicy = "Admin";

    public static bool IsEntraConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["AzureAd:ClientId"]);

    public static IHostApplicationBuilder AddPortalAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<CognitoOptions>().BindConfiguration(CognitoOptions.Section)
            .Validate(o => !o.IsConfigured || o.ClientIds.Count > 0, "SiteBuilder:Authentication:Cognito:ClientIds must list the app client ids whose tokens are accepted.")
            .ValidateOnStart();
        services.AddOptions<EntraMappingOptions>().BindConfiguration(EntraMappingOptions.Section)
            .Validate(o => !IsEntraConfigured(configuration) || !EntraMappingOptions.IsMultiTenant(configuration["AzureAd:TenantId"]) || o.AllowedTenantIds.Count > 0,
                "SiteBuilder:Authentication:Entra:AllowedTenantIds must list the directory (tenant) ids whose users may sign in when AzureAd:TenantId is common or organizations.")
            .ValidateOnStart();
        services.AddSingleton<SignInThrottle>();

        var authentication = services.AddAuthentication(options =>
        {
            options.DefaultScheme = CookieScheme;
            options.DefaultSignInScheme = CookieScheme;
            options.DefaultChallengeScheme = CookieScheme;
        });

        AddSessionCookie(authentication, services);
        if (IsEntraConfigured(configuration))
        {
            AddEntraSignIn(authentication, services, configuration);
        }

        authentication.AddPolicyScheme(ApiScheme, "Bearer tokens", options => options.ForwardDefaultSelector = SelectTokenScheme);
        AddLocalBearer(authentication, services);
        AddCognitoBearer(authentication, services);
        if (IsEntraConfigured(configuration))
        {
            AddEntraBearer(authentication, services, configuration);
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy.AddAuthenticationSchemes(ApiScheme).RequireAuthenticatedUser())
            .AddPolicy(AdminPolicy, policy => policy.AddAuthenticationSchemes(CookieScheme).RequireRole(Roles.Admin))
            .AddPortalPolicies();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, TenantRoleHandler>();
        return builder;
    }

    /// <summary>The portal session: one cookie for local accounts and Entra alike, re-checked against the account.</summary>
    private static void AddSessionCookie(AuthenticationBuilder authentication, IServiceCollection services)
    {
        authentication.AddCookie(CookieScheme, options =>
        {
            options.Cookie.Name = "sitebuilder.session";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/login";
            options.LogoutPath = "/account/logout";
            options.AccessDeniedPath = "/access-denied";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = ValidateSessionAsync;
        });
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme).Configure<IOptions<SiteBuilderOptions>>((options, site) =>
            options.Cookie.SecurePolicy = site.Value.RequireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest);
    }

    /// <summary>Entra signs people into the same portal cookie as local accounts, so one session shape serves both.</summary>
    private static void AddEntraSignIn(AuthenticationBuilder authentication, IServiceCollection services, IConfiguration configuration)
    {
        authentication.AddMicrosoftIdentityWebApp(configuration.GetSection("AzureAd"), openIdConnectScheme: EntraScheme, cookieScheme: null);
        services.AddOptions<OpenIdConnectOptions>(EntraScheme).Configure<IOptions<EntraMappingOptions>>((options, mapping) =>
        {
            options.SignInScheme = CookieScheme;
            options.RequireHttpsMetadata = mapping.Value.RequireHttpsMetadata;
            var previous = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await previous(context);
                var tid = context.Principal!.FindFirstValue("http://schemas.microsoft.com/identity/claims/tenantid") ?? context.Principal!.FindFirstValue("tid");
                if (!mapping.Value.AcceptsDirectory(tid, configuration["AzureAd:TenantId"]))
                {
                    // Pinned: a user of any other directory (what "common" would let in) is refused.
                    context.Fail($"Users of directory {tid} may not sign in here.");
                    return;
                }

                context.Principal = EntraPrincipal(context.Principal!, mapping.Value);
            };
        });
    }

    /// <summary>Bearer tokens from the portal's own issuer, checked against its signing key ring.</summary>
    private static void AddLocalBearer(AuthenticationBuilder authentication, IServiceCollection services)
    {
        authentication.AddJwtBearer(LocalJwtScheme, options => UseApiEvents(options, ValidateLocalTokenAsync));
        services.AddOptions<JwtBearerOptions>(LocalJwtScheme).Configure<SigningKeyRing, IOptions<LocalTokenOptions>>((options, keys, tokens) =>
        {
            options.ConfigurationManager = new LocalIssuerConfiguration(keys, tokens.Value.Issuer);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = tokens.Value.Issuer,
                ValidAudience = tokens.Value.Audience,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = TokenClaims.Subject,
            };
        });
    }

    /// <summary>Bearer tokens from a Cognito user pool, when one is configured.</summary>
    private static void AddCognitoBearer(AuthenticationBuilder authentication, IServiceCollection services)
    {
        authentication.AddJwtBearer(CognitoScheme, options => UseApiEvents(options, ValidateCognitoTokenAsync));
        services.AddOptions<JwtBearerOptions>(CognitoScheme).Configure<IOptions<CognitoOptions>>((options, cognito) =>
        {
            if (!cognito.Value.IsConfigured)
            {
                return;
            }

            var authority = cognito.Value.ResolveAuthority();
            options.Authority = authority;
            options.MetadataAddress = $"{authority}/.well-known/openid-configuration";
            options.RequireHttpsMetadata = !IsLoopback(authority);
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = authority,
                // Cognito access tokens carry client_id, not aud: the audience is checked in OnTokenValidated.
                ValidateAudience = false,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
            };
        });
    }

    /// <summary>
    /// Access tokens Entra issues for this app (audience <c>AzureAd:ClientId</c> or <c>api://{ClientId}</c>), from the
    /// accepted directories: app roles become portal roles, so an Entra user with an operations role calls <c>/v1/ops</c>.
    /// </summary>
    private static void AddEntraBearer(AuthenticationBuilder authentication, IServiceCollection services, IConfiguration configuration)
    {
        authentication.AddJwtBearer(EntraBearerScheme, options => UseApiEvents(options, ValidateEntraTokenAsync));
        services.AddOptions<JwtBearerOptions>(EntraBearerScheme).Configure<IOptions<EntraMappingOptions>>((options, mapping) =>
        {
            var configuredTenant = configuration["AzureAd:TenantId"];
            var clientId = configuration["AzureAd:ClientId"]!;
            var authority = $"{EntraInstance(configuration)}{(EntraMappingOptions.IsMultiTenant(configuredTenant) ? "organizations" : configuredTenant!.Trim())}/v2.0";
            options.Authority = authority;
            options.MetadataAddress = $"{authority}/.well-known/openid-configuration";
            options.RequireHttpsMetadata = mapping.Value.RequireHttpsMetadata;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidAudiences = [clientId, $"api://{clientId}"],
                // v2.0 issuers are {instance}{directory id}/v2.0: accepted only for the directories sign-in accepts.
                IssuerValidator = (issuer, _, _) =>
                    EntraDirectoryOf(issuer, EntraInstance(configuration)) is { } tid && mapping.Value.AcceptsDirectory(tid, configuredTenant)
                        ? issuer
                        : throw new SecurityTokenInvalidIssuerException($"Tokens of issuer {issuer} are not accepted here."),
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
            };
        });
    }

    private static string EntraInstance(IConfiguration configuration) =>
        (configuration["AzureAd:Instance"] is { Length: > 0 } instance ? instance : "https://login.microsoftonline.com/").TrimEnd('/') + "/";

    /// <summary>The directory id in an Entra v2.0 issuer (<c>{instance}{tid}/v2.0</c>), or null for any other issuer.</summary>
    private static string? EntraDirectoryOf(string? issuer, string instance) =>
        issuer is not null && issuer.StartsWith(instance, StringComparison.OrdinalIgnoreCase) && issuer.EndsWith("/v2.0", StringComparison.Ordinal)
            && issuer[instance.Length..^"/v2.0".Length] is { Length: > 0 } tid && !tid.Contains('/', StringComparison.Ordinal)
            ? tid
            : null;

    /// <summary>Raw claims, the scheme's own token check, and API problem details for 401 and 403.</summary>
    private static void UseApiEvents(JwtBearerOptions options, Func<Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext, Task> validated)
    {
        options.MapInboundClaims = false;
        options.Events = new JwtBearerEvents
        {
            OnTokenValidated = validated,
            OnChallenge = ApiProblems.WriteChallengeAsync,
            OnForbidden = ApiProblems.WriteForbiddenAsync,
        };
    }

    /// <summary>Local tokens name our issuer; anything else goes to Cognito when it is configured.</summary>
    private static string SelectTokenScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return LocalJwtScheme;
        }

        var services = context.RequestServices;
        if (!services.GetRequiredService<IOptions<CognitoOptions>>().Value.IsConfigured && !IsEntraConfigured(services.GetRequiredService<IConfiguration>()))
        {
            return LocalJwtScheme;
        }

        var handler = new JsonWebTokenHandler();
        var raw = header["Bearer ".Length..].Trim();
        if (!handler.CanReadToken(raw))
        {
            return LocalJwtScheme;
        }

        var issuer = handler.ReadJsonWebToken(raw).Issuer;
        if (issuer == services.GetRequiredService<IOptions<LocalTokenOptions>>().Value.Issuer)
        {
            return LocalJwtScheme;
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        if (IsEntraConfigured(configuration) && EntraDirectoryOf(issuer, EntraInstance(configuration)) is not null)
        {
            return EntraBearerScheme;
        }

        return services.GetRequiredService<IOptions<CognitoOptions>>().Value.IsConfigured ? CognitoScheme : LocalJwtScheme;
    }

    private static async Task ValidateLocalTokenAsync(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        var token = (JsonWebToken)context.SecurityToken;
        var subject = token.Subject;
        var tenant = token.TryGetPayloadValue<string>(TokenClaims.Tenant, out var t) ? t : null;
        if (string.IsNullOrEmpty(subject))
        {
            context.Fail("The token lacks a subject.");
            return;
        }

        if (!context.HttpContext.RequestServices.GetRequiredService<IOptions<LocalTokenOptions>>().Value.Enabled)
        {
            context.Fail("The portal's own tokens are turned off here; use a Cognito token.");
            return;
        }

        // Roles and membership come from the account as it is now (cached at most a minute), not as it was at issue.
        var account = await context.HttpContext.RequestServices.GetRequiredService<AccountStatusCache>().GetActiveAsync(subject, context.HttpContext.RequestAborted);
        if (account is null)
        {
            context.Fail("The account is disabled or no longer exists.");
            return;
        }

        var stamp = token.TryGetPayloadValue<string>(TokenClaims.SecurityStamp, out var s) ? s : "";
        if (!string.Equals(stamp, account.SecurityStamp, StringComparison.Ordinal))
        {
            context.Fail("The token was issued before the account's password or access changed. Get a new one.");
            return;
        }

        // Checked as often as the account (the same cache duration), so a revoked token stops within the same minute.
        if (string.IsNullOrEmpty(token.Id)
            || await context.HttpContext.RequestServices.GetRequiredService<ApiTokenRegistry>().GetUsableAsync(account.UserName, token.Id, context.HttpContext.RequestAborted) is null)
        {
            context.Fail("The token was revoked or was never issued here. Get a new one on the API tokens page.");
            return;
        }

        // A token without a tenant is an organisation-wide operations token: it carries no tenant, so tenant routes refuse it.
        if (string.IsNullOrEmpty(tenant))
        {
            if (!LocalTokenIssuer.OperationsRoles.Any(account.IsInRole))
            {
                context.Fail("The token has no tenant and the account holds no operations role.");
                return;
            }

            context.Principal = PortalClaims.Create(LocalJwtScheme, account.UserName, account.UserName, account.DisplayName, account.Roles, [], PortalClaims.LocalSource);
            return;
        }

        if (!account.CanActFor(tenant))
        {
            context.Fail("The account is no longer a member of the token's tenant.");
            return;
        }

        context.Principal = PortalClaims.Create(LocalJwtScheme, account.UserName, account.UserName, account.DisplayName, account.Roles, [tenant], PortalClaims.LocalSource);
    }

    private static Task ValidateCognitoTokenAsync(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        var token = (JsonWebToken)context.SecurityToken;
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<CognitoOptions>>().Value;
        var tokenUse = token.TryGetPayloadValue<string>("token_use", out var use) ? use : null;
        var client = tokenUse == "access"
            ? token.TryGetPayloadValue<string>("client_id", out var clientId) ? clientId : null
            : token.Audiences.FirstOrDefault();
        if (tokenUse is not ("access" or "id") || client is null || !options.ClientIds.Contains(client))
        {
            context.Fail("The token was not issued to an accepted app client.");
            return Task.CompletedTask;
        }

        var userName = token.TryGetPayloadValue<string>("username", out var u) ? u
            : token.TryGetPayloadValue<string>("cognito:username", out var cu) ? cu : token.Subject;
        var roles = token.Claims.Where(c => c.Type == "cognito:groups").Select(c => Roles.Normalize(c.Value)).OfType<string>().ToList();
        var tenant = token.TryGetPayloadValue<string>(TokenClaims.CognitoTenant, out var t) ? t : null;
        if (string.IsNullOrEmpty(tenant))
        {
            OrganisationWide(context, CognitoScheme, token.Subject, userName, userName, roles, PortalClaims.CognitoSource,
                $"The token has no {TokenClaims.CognitoTenant} claim and the user is in no operations group ({string.Join(", ", LocalTokenIssuer.OperationsRoles)}).");
            return Task.CompletedTask;
        }

        if (!TenantId.IsValid(tenant))
        {
            context.Fail($"The token has no valid {TokenClaims.CognitoTenant} claim.");
            return Task.CompletedTask;
        }

        context.Principal = PortalClaims.Create(CognitoScheme, token.Subject, userName, userName, roles, [tenant], PortalClaims.CognitoSource);
        return Task.CompletedTask;
    }

    /// <summary>An Entra access token: app roles, and the tenants of the mapping's claim (a tenant route needs exactly one).</summary>
    private static Task ValidateEntraTokenAsync(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context)
    {
        var token = (JsonWebToken)context.SecurityToken;
        var mapping = context.HttpContext.RequestServices.GetRequiredService<IOptions<EntraMappingOptions>>().Value;
        string? Claim(string type) => token.TryGetPayloadValue<string>(type, out var value) && value.Length > 0 ? value : null;
        var subject = Claim("oid") ?? token.Subject;
        var userName = Claim("preferred_username") ?? Claim("upn") ?? subject;
        var roles = token.Claims.Where(c => c.Type == "roles").Select(c => Roles.Normalize(c.Value)).OfType<string>().ToList();
        var tenants = token.Claims.Where(c => c.Type == mapping.TenantsClaim)
            .SelectMany(c => c.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)).Where(TenantId.IsValid).ToList();
        if (tenants.Count == 0)
        {
            OrganisationWide(context, EntraBearerScheme, subject, userName, Claim("name") ?? userName, roles, PortalClaims.EntraSource,
                $"The token names no tenant ({mapping.TenantsClaim}) and the user holds no operations app role ({string.Join(", ", LocalTokenIssuer.OperationsRoles)}).");
            return Task.CompletedTask;
        }

        context.Principal = PortalClaims.Create(EntraBearerScheme, subject, userName, Claim("name") ?? userName, roles, tenants, PortalClaims.EntraSource);
        return Task.CompletedTask;
    }

    /// <summary>
    /// DESIGN §5: operations are organisation-wide, so a token without a tenant is accepted for a person holding an operations
    /// role; it carries no tenant, so tenant routes refuse it. Anyone else without a tenant is refused.
    /// </summary>
    private static void OrganisationWide(Microsoft.AspNetCore.Authentication.JwtBearer.TokenValidatedContext context, string scheme, string subject,
        string userName, string displayName, IReadOnlyList<string> roles, string source, string refusal)
    {
        if (!roles.Any(LocalTokenIssuer.OperationsRoles.Contains))
        {
            context.Fail(refusal);
            return;
        }

        context.Principal = PortalClaims.Create(scheme, subject, userName, displayName, roles, [], source);
    }

    /// <summary>Keeps a portal session in step with its account: a disabled account is signed out, changed roles apply.</summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var user = PortalUser.From(context.Principal);
        if (user is null)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        var authTime = AuthTimeOf(context.Principal!);
        var lifetime = services.GetRequiredService<IOptions<AccountOptions>>().Value.AbsoluteSessionLifetime;
        if (authTime is null || services.GetRequiredService<TimeProvider>().GetUtcNow() - authTime.Value > lifetime)
        {
            // However active, a session ends this long after sign-in (sliding renewal never extends it past that).
            await RejectAsync(context);
            return;
        }

        if (!user.IsLocal)
        {
            return;
        }

        var account = await services.GetRequiredService<AccountStatusCache>().GetActiveAsync(user.UserName, context.HttpContext.RequestAborted);
        if (account is null || !string.Equals(context.Principal!.FindFirstValue(PortalClaims.SecurityStamp) ?? "", account.SecurityStamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
            return;
        }

        if (!account.Roles.SetEquals(user.Roles) || !account.Tenants.SetEquals(user.Tenants) || account.DisplayName != user.DisplayName)
        {
            context.ReplacePrincipal(LocalPrincipal(account, authTime.Value));
            context.ShouldRenew = true;
        }
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieScheme);
    }

    /// <summary>When the session's holder signed in, or null for a session from before sign-in times were recorded.</summary>
    public static DateTimeOffset? AuthTimeOf(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirstValue(PortalClaims.AuthTime), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    public static ClaimsPrincipal LocalPrincipal(Account account, DateTimeOffset authTime)
    {
        var principal = PortalClaims.Create(CookieScheme, account.UserName, account.UserName, account.DisplayName, account.Roles, account.Tenants, PortalClaims.LocalSource);
        var identity = (ClaimsIdentity)principal.Identity!;
        identity.AddClaim(new Claim(PortalClaims.SecurityStamp, account.SecurityStamp));
        identity.AddClaim(new Claim(PortalClaims.AuthTime, authTime.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return principal;
    }

    private static ClaimsPrincipal EntraPrincipal(ClaimsPrincipal entra, EntraMappingOptions mapping)
    {
        var subject = entra.FindFirstValue("http://schemas.microsoft.com/identity/claims/objectidentifier")
            ?? entra.FindFirstValue("oid") ?? entra.FindFirstValue(ClaimTypes.NameIdentifier) ?? entra.FindFirstValue("sub")
            ?? throw new AuthenticationFailureException("The Entra token has no object id.");
        var userName = entra.FindFirstValue("preferred_username") ?? entra.FindFirstValue(ClaimTypes.Upn) ?? subject;
        var displayName = entra.FindFirstValue("name") ?? userName;
        var roles = entra.FindAll(c => c.Type is "roles" or ClaimTypes.Role).Select(c => Roles.Normalize(c.Value)).OfType<string>();
        var tenants = entra.FindAll(mapping.TenantsClaim)
            .SelectMany(c => c.Value.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries))
            .Where(TenantId.IsValid);
        var principal = PortalClaims.Create(CookieScheme, subject, userName, displayName, roles, tenants, PortalClaims.EntraSource);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(PortalClaims.AuthTime, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return principal;
    }

    private static bool IsLoopback(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback;
}
