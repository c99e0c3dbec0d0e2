using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>An identity provider for tests: RSA and EC signing keys, their JWKS, and tokens signed every way an attacker might try.</summary>
internal sealed class TestIssuer : IDisposable
{
    public const string IssuerName = "https://issuer.example.test/";
    public const string AudienceName = "rtc-tests";
    public const string UserId = "user-42";
    public const string RsaKeyId = "rsa-key-1";
    public const string EcKeyId = "ec-key-1";

    /// <summary>A shared secret long enough for HS256 (32 bytes or more).</summary>
    public const string Hs256Secret = "local-development-secret-0123456789abcdef";

    public static readonly DateTimeOffset Now = new(2026, 1, 15, 12, 0, 0, TimeSpan.Zero);

    private readonly JsonWebTokenHandler handler = new() { SetDefaultTimesOnTokenCreation = false };

    public RSA Rsa { get; } = RSA.Create(2048);

    public ECDsa Ec { get; } = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The JWKS document publishing the RSA and EC public keys under <see cref="RsaKeyId"/> and <see cref="EcKeyId"/>.</summary>
    public string Jwks() => Jwks((RsaKeyId, Rsa));

    /// <summary>A JWKS with the given RSA keys plus the EC key.</summary>
    public string Jwks(params (string KeyId, RSA Key)[] rsaKeys)
    {
        var keys = new JsonArray();
        foreach (var (keyId, key) in rsaKeys)
        {
            var parameters = key.ExportParameters(includePrivateParameters: false);
            keys.Add(new JsonObject
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["kid"] = keyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            });
        }

        var point = Ec.ExportParameters(includePrivateParameters: false).Q;
        keys.Add(new JsonObject
        {
            ["kty"] = "EC",
            ["use"] = "sig",
            ["crv"] = "P-256",
            ["kid"] = EcKeyId,
            ["x"] = Base64UrlEncoder.Encode(point.X),
            ["y"] = Base64UrlEncoder.Encode(point.Y),
        });
        return new JsonObject { ["keys"] = keys }.ToJsonString();
    }

    public string Rs256(TokenSpec spec, string keyId = RsaKeyId, RSA? key = null) =>
        Sign(spec, new SigningCredentials(new RsaSecurityKey(key ?? Rsa) { KeyId = keyId }, SecurityAlgorithms.RsaSha256));

    public string Es256(TokenSpec spec) =>
        Sign(spec, new SigningCredentials(new ECDsaSecurityKey(Ec) { KeyId = EcKeyId }, SecurityAlgorithms.EcdsaSha256));

    public string Hs256(TokenSpec spec, byte[] secret, string? keyId = null) =>
        Sign(spec, new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = keyId }, SecurityAlgorithms.HmacSha256));

    public string Hs256(TokenSpec spec) => Hs256(spec, Encoding.UTF8.GetBytes(Hs256Secret));

    /// <summary>A token with header <c>{"alg":"none"}</c> and an empty signature.</summary>
    public string Unsigned(TokenSpec spec) => Sign(spec, credentials: null);

    /// <summary>The RSA public key as an attacker would find it, PEM text, used as an HMAC secret.</summary>
    public byte[] PublicKeyAsSecret() => Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem());

    public void Dispose()
    {
        Rsa.Dispose();
        Ec.Dispose();
    }

    private string Sign(TokenSpec spec, SigningCredentials? credentials) => handler.CreateToken(new SecurityTokenDescriptor
    {
        Issuer = spec.Issuer,
        Audience = spec.Audience,
        NotBefore = spec.NotBefore.UtcDateTime,
        Expires = spec.Expires.UtcDateTime,
        IssuedAt = spec.NotBefore.UtcDateTime,
        Claims = spec.Claims.ToDictionary(),
        SigningCredentials = credentials,
    });
}
