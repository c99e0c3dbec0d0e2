using Rtc.Contracts;
using Rtc.Functions.Authorization;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>How the authorizer reads <c>RTC_AUTH_*</c>, and what it says when they are wrong.</summary>
public sealed class AuthorizerSettingsTests
{
    private const string Secret = "a-secret-of-at-least-thirty-two-bytes!!";

    [Fact]
    public void JwksSettingsAreReadWithSubAsDefaultUserClaim()
    {
        var settings = AuthorizerSettings.FromEnvironment(Environment(jwksUrl: "https://issuer.example.test/.well-known/jwks.json"));

        Assert.Equal("https://issuer.example.test/", settings.Issuer);
        Assert.Equal("rtc", settings.Audience);
        Assert.Equal(new Uri("https://issuer.example.test/.well-known/jwks.json"), settings.JwksUrl);
        Assert.Null(settings.Hs256Secret);
        Assert.Equal("sub", settings.UserClaim);
    }

    [Fact]
    public void CustomUserClaimIsRead()
    {
        var settings = AuthorizerSettings.FromEnvironment(Environment(secret: Secret, userClaim: "email"));

        Assert.Equal("email", settings.UserClaim);
        Assert.Equal(Secret, settings.Hs256Secret);
    }

    [Theory]
    [InlineData(EnvironmentVariables.AuthIssuer)]
    [InlineData(EnvironmentVariables.AuthAudience)]
    public void MissingRequiredSettingIsNamed(string missing)
    {
        var values = Values(secret: Secret);
        values.Remove(missing);

        var error = Assert.Throws<InvalidOperationException>(() => AuthorizerSettings.FromEnvironment(new DictionaryEnvironment(values)));

        Assert.Contains(missing, error.Message);
    }

    [Theory]
    [InlineData(null, null, "neither")]
    [InlineData("https://issuer.example.test/jwks", Secret, "both")]
    public void JwksUrlAndSecretAreExclusive(string? jwksUrl, string? secret, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthorizerSettings.FromEnvironment(Environment(jwksUrl, secret)));

        Assert.Contains(EnvironmentVariables.AuthJwksUrl, error.Message);
        Assert.Contains(EnvironmentVariables.AuthHs256Secret, error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Theory]
    [InlineData("http://issuer.example.test/jwks")]
    [InlineData("issuer.example.test/jwks")]
    [InlineData("ftp://issuer.example.test/jwks")]
    public void JwksUrlMustBeHttpsUnlessLoopback(string jwksUrl)
    {
        var error = Assert.Throws<InvalidOperationException>(() => AuthorizerSettings.FromEnvironment(Environment(jwksUrl: jwksUrl)));

        Assert.Contains(EnvironmentVariables.AuthJwksUrl, error.Message);
        Assert.Contains("https", error.Message);
    }

    [Fact]
    public void LoopbackJwksUrlMayUseHttp()
    {
        var settings = AuthorizerSettings.FromEnvironment(Environment(jwksUrl: "http://127.0.0.1:8080/jwks"));

        Assert.Equal(new Uri("http://127.0.0.1:8080/jwks"), settings.JwksUrl);
    }

    [Fact]
    public void SecretShorterThan256BitsIsRefusedWithoutEchoingIt()
    {
        const string shortSecret = "too-short-secret";

        var error = Assert.Throws<InvalidOperationException>(() => AuthorizerSettings.FromEnvironment(Environment(secret: shortSecret)));

        Assert.Contains(EnvironmentVariables.AuthHs256Secret, error.Message);
        Assert.Contains("32 bytes", error.Message);
        Assert.DoesNotContain(shortSecret, error.Message);
    }

    [Fact]
    public void SettingsNeverPrintTheSecret()
    {
        var settings = AuthorizerSettings.FromEnvironment(Environment(secret: Secret));

        Assert.DoesNotContain(Secret, settings.ToString());
    }

    [Fact]
    public void HandlerCatalogBuildsTheAuthorizer()
    {
        var handler = HandlerCatalog.Create(HandlerNames.Authorizer, Services(Environment(secret: Secret)));

        Assert.IsType<AuthorizerHandler>(handler);
    }

    [Fact]
    public void HandlerCatalogReportsAMissingAuthSettingAtInit()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HandlerCatalog.Create(HandlerNames.Authorizer, Services(Environment())));

        Assert.Contains(EnvironmentVariables.AuthJwksUrl, error.Message);
    }

    private static FunctionServices Services(IFunctionEnvironment environment) => new(
        environment,
        new Lazy<IConnectionStore>(() => throw new InvalidOperationException("The authorizer needs no store.")),
        new Lazy<IHistoryStore?>(() => throw new InvalidOperationException("The authorizer needs no history.")),
        new Lazy<IManagementApi>(() => throw new InvalidOperationException("The authorizer needs no management API.")),
        TimeProvider.System,
        new FunctionLogger(TextWriter.Null, TimeProvider.System));

    private static DictionaryEnvironment Environment(string? jwksUrl = null, string? secret = null, string? userClaim = null) =>
        new(Values(jwksUrl, secret, userClaim));

    private static Dictionary<string, string?> Values(string? jwksUrl = null, string? secret = null, string? userClaim = null) => new()
    {
        [EnvironmentVariables.AuthIssuer] = "https://issuer.example.test/",
        [EnvironmentVariables.AuthAudience] = "rtc",
        [EnvironmentVariables.AuthJwksUrl] = jwksUrl,
        [EnvironmentVariables.AuthHs256Secret] = secret,
        [EnvironmentVariables.AuthUserClaim] = userClaim,
    };
}
