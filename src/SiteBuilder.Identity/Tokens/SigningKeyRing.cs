using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using SiteBuilder.Storage.Blobs;

namespace SiteBuilder.Identity.Tokens;

/// <summary>
/// RSA keys for the local issuer, generated once and kept in the system blob container (the data directory locally,
/// the assets bucket in AWS) so every instance signs and verifies with the same keys. The oldest key signs; all verify.
/// </summary>
public sealed class SigningKeyRing(IBlobStore blobs, TimeProvider clock)
{
    private const string Prefix = "jwt/keys/";
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MinimumReloadInterval = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyList<RsaSecurityKey> _keys = [];
    private DateTimeOffset _loadedAt = DateTimeOffset.MinValue;
    private volatile bool _refreshRequested;

    public async Task<RsaSecurityKey> GetSigningKeyAsync(CancellationToken cancellationToken = default)
    {
        var keys = await GetKeysAsync(cancellationToken);
        if (keys.Count > 0)
        {
            return keys[0];
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await ReloadAsync(cancellationToken);
            if (_keys.Count == 0)
            {
                using var rsa = RSA.Create(2048);
                var kid = $"{clock.GetUtcNow():yyyyMMddHHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
                await blobs.PutAsync(BlobContainer.System, $"{Prefix}{kid}.pem", Encoding.UTF8.GetBytes(rsa.ExportPkcs8PrivateKeyPem()), cancellationToken);
                // List again: if another instance created a key at the same moment, everyone settles on the oldest.
                await ReloadAsync(cancellationToken);
            }

            return _keys[0];
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The keys that verify tokens, reloaded every 30 seconds so a key another instance added is found; after
    /// <see cref="RequestRefresh"/> (a token with an unknown key id) sooner, but never more than every 5 seconds.
    /// </summary>
    public async Task<IReadOnlyList<RsaSecurityKey>> GetKeysAsync(CancellationToken cancellationToken = default)
    {
        var age = clock.GetUtcNow() - _loadedAt;
        if (age > ReloadInterval || (_refreshRequested && age > MinimumReloadInterval))
        {
            await _gate.WaitAsync(cancellationToken);
            try
            {
                await ReloadAsync(cancellationToken);
            }
            finally
            {
                _gate.Release();
            }
        }

        return _keys;
    }

    public void RequestRefresh() => _refreshRequested = true;

    /// <summary>The public half of every key as a JWKS document (<c>/.well-known/jwks.json</c>).</summary>
    public async Task<object> GetPublicJwksAsync(CancellationToken cancellationToken = default)
    {
        await GetSigningKeyAsync(cancellationToken);
        var keys = await GetKeysAsync(cancellationToken);
        return new
        {
            keys = keys.Select(key =>
            {
                var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
                return new Dictionary<string, string>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["alg"] = SecurityAlgorithms.RsaSha256,
                    ["kid"] = key.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                };
            }).ToArray(),
        };
    }

    private async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var keys = new List<RsaSecurityKey>();
        await foreach (var blob in blobs.ListAsync(BlobContainer.System, Prefix, cancellationToken))
        {
            if (!blob.Key.EndsWith(".pem", StringComparison.Ordinal) || await blobs.GetAsync(BlobContainer.System, blob.Key, cancellationToken) is not { } content)
            {
                continue;
            }

            var rsa = RSA.Create();
            rsa.ImportFromPem(Encoding.UTF8.GetString(content.Content));
            keys.Add(new RsaSecurityKey(rsa) { KeyId = Path.GetFileNameWithoutExtension(blob.Key) });
        }

        _keys = [.. keys.OrderBy(k => k.KeyId, StringComparer.Ordinal)];
        _loadedAt = clock.GetUtcNow();
        _refreshRequested = false;
    }
}
