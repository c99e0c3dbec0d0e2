using System.Security.Cryptography;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>The authorizer in JWKS mode, driven with real REQUEST events and keys served over HTTP.</summary>
public sealed class JwksAuthorizerTests : IAsyncLifetime
{
    // Cognito user pool tokens: the configured audience is the app client id.
    private const string AppClient = TestIssuer.AudienceName;
    private const string OtherClient = "another-app-client";

    private readonly TestIssuer issuer = new();
    private readonly FakeTimeProvider clock = new(TestIssuer.Now);
    private readonly HttpClient httpClient = new();
    private JwksServer jwks = null!;

    public async Task InitializeAsync() => jwks = await JwksServer.StartAsync(issuer.Jwks());

    public async Task DisposeAsync()
    {
        await jwks.DisposeAsync();
        httpClient.Dispose();
        issuer.Dispose();
    }

    [Fact]
    public async Task ValidTokenInQueryStringIsAllowedOnExactlyTheConnectRoute()
    {
        var harness = Harness();

        var response = await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec())));

        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal("2012-10-17", response.PolicyDocument.Version);
        Assert.Equal("execute-api:Invoke", statement.Action);
        Assert.Equal("Allow", statement.Effect);
        Assert.Equal(AuthorizerEvents.ConnectArn, statement.Resource);
        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
        Assert.Equal(new Dictionary<string, string> { ["userId"] = TestIssuer.UserId }, response.Context);
    }

    [Fact]
    public async Task ValidTokenOfferedAsSubprotocolIsAllowed()
    {
        var token = issuer.Rs256(new TokenSpec());

        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(protocolHeader: $"rtc, {token}"));

        Assert.Equal("Allow", Assert.Single(response.PolicyDocument.Statement).Effect);
        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Fact]
    public async Task Es256TokenFromTheJwksIsAllowed()
    {
        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Es256(new TokenSpec())));

        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Fact]
    public async Task CustomUserClaimBecomesThePrincipalAndContext()
    {
        var spec = new TokenSpec { Claims = new Dictionary<string, object> { ["sub"] = "auth0|abc", ["email"] = "ada@example.test" } };
        var harness = Harness(AuthorizerHarness.JwksSettings(jwks.Url, userClaim: "email"));

        var response = await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(spec)));

        Assert.Equal("ada@example.test", response.PrincipalId);
        Assert.Equal("ada@example.test", response.Context!["userId"]);
    }

    [Fact]
    public async Task TokenWithoutTheUserClaimIsRefused()
    {
        var spec = new TokenSpec { Claims = new Dictionary<string, object> { ["scope"] = "notifications" } };

        Assert.Equal("invalid_user", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(spec))));
    }

    [Fact]
    public async Task UserIdLongerThan256CharactersIsRefused()
    {
        var spec = new TokenSpec { Claims = new Dictionary<string, object> { ["sub"] = new string('u', 257) } };

        Assert.Equal("invalid_user", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(spec))));
    }

    [Fact]
    public async Task ConnectionWithoutTokenIsRefused()
    {
        Assert.Equal("missing_token", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect()));
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    public async Task MalformedTokenIsRefused(string token)
    {
        Assert.Equal("malformed", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    // API Gateway writes the event from decoded text, so a lone surrogate escape in it is a wiring fault: the
    // authorizer's own error type, never a .NET exception escaping the handler.
    [Fact]
    public async Task AnEventWithALoneSurrogateEscapeFailsAsAMalformedEvent()
    {
        var eventJson = AuthorizerEvents.Connect(queryToken: "PLACEHOLDER").Replace("PLACEHOLDER", "\\ud800", StringComparison.Ordinal);

        var error = await Assert.ThrowsAsync<InvocationException>(() => Harness().InvokeAsync(eventJson));

        Assert.Equal(AuthorizerHandler.MalformedEventErrorType, error.ErrorType);
    }

    [Fact]
    public async Task TokenSignedByAnotherKeyUnderTheSameKeyIdIsRefused()
    {
        using var forger = RSA.Create(2048);

        var reason = await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec(), key: forger)));

        Assert.Equal("bad_signature", reason);
    }

    [Fact]
    public async Task TokenFromAnotherIssuerIsRefused()
    {
        var token = issuer.Rs256(new TokenSpec { Issuer = "https://elsewhere.example.test/" });

        Assert.Equal("wrong_issuer", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task TokenForAnotherAudienceIsRefused()
    {
        var token = issuer.Rs256(new TokenSpec { Audience = "another-app" });

        Assert.Equal("wrong_audience", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task TokenExpiredBeyondTheClockSkewIsRefused()
    {
        var token = issuer.Rs256(new TokenSpec { NotBefore = TestIssuer.Now.AddHours(-1), Expires = TestIssuer.Now.AddSeconds(-31) });

        Assert.Equal("expired", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task TokenExpiredWithinTheClockSkewIsStillAllowed()
    {
        var token = issuer.Rs256(new TokenSpec { NotBefore = TestIssuer.Now.AddHours(-1), Expires = TestIssuer.Now.AddSeconds(-20) });

        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(queryToken: token));

        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Fact]
    public async Task TokenNotYetValidIsRefused()
    {
        var token = issuer.Rs256(new TokenSpec { NotBefore = TestIssuer.Now.AddMinutes(5), Expires = TestIssuer.Now.AddHours(1) });

        Assert.Equal("not_yet_valid", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task UnsignedTokenWithAlgNoneIsRefused()
    {
        var token = issuer.Unsigned(new TokenSpec());

        Assert.Equal("disallowed_algorithm", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task Hs256TokenSignedWithThePublicRsaKeyAsSecretIsRefused()
    {
        var token = issuer.Hs256(new TokenSpec(), issuer.PublicKeyAsSecret(), keyId: TestIssuer.RsaKeyId);

        Assert.Equal("disallowed_algorithm", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task ValidTokenForAnotherRouteGetsAnExplicitDeny()
    {
        const string messageRouteArn = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/$default";

        var response = await Harness().InvokeAsync(
            AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec()), methodArn: messageRouteArn));

        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal("Deny", statement.Effect);
        Assert.Equal(messageRouteArn, statement.Resource);
        Assert.Null(response.Context);
        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Fact]
    public async Task TwoValidTokensFetchTheJwksOnce()
    {
        var harness = Harness();

        await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec())));
        await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Es256(new TokenSpec())));

        Assert.Equal(1, jwks.Fetches);
    }

    [Fact]
    public async Task UnknownKeyIdRefreshesTheJwksAtMostOncePerInterval()
    {
        var harness = Harness();
        await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec())));
        clock.Advance(new JwksCacheOptions().MinimumRefreshInterval);
        using var unknownKey = RSA.Create(2048);
        var forged = issuer.Rs256(new TokenSpec(), keyId: "unknown-key", key: unknownKey);

        Assert.Equal("unknown_key", await harness.RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: forged)));
        Assert.Equal(2, jwks.Fetches);
        Assert.Equal("unknown_key", await harness.RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: forged)));
        Assert.Equal(2, jwks.Fetches);
    }

    [Fact]
    public async Task ManyConcurrentUnknownKeyIdsCauseOneRefresh()
    {
        var harness = Harness();
        await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec())));
        clock.Advance(new JwksCacheOptions().MinimumRefreshInterval);
        using var unknownKey = RSA.Create(2048);

        var refusals = Enumerable.Range(0, 20).Select(attempt => harness.RefusedAsync(
            AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec(), keyId: $"forged-{attempt}", key: unknownKey))));
        await Task.WhenAll(refusals);

        Assert.Equal(2, jwks.Fetches);
        Assert.All(harness.LogLines().Skip(1), line => Assert.Equal("unknown_key", line.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task KeyRotatedInAtTheIssuerIsPickedUpOnItsFirstToken()
    {
        var harness = Harness();
        await harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec())));
        using var rotated = RSA.Create(2048);
        jwks.Publish(issuer.Jwks((TestIssuer.RsaKeyId, issuer.Rsa), ("rsa-key-2", rotated)));
        clock.Advance(new JwksCacheOptions().MinimumRefreshInterval);

        var response = await harness.InvokeAsync(
            AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec(), keyId: "rsa-key-2", key: rotated)));

        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
        Assert.Equal(2, jwks.Fetches);
    }

    [Fact]
    public async Task UnreachableJwksFailsTheInvocationRatherThanRefusingTheToken()
    {
        await using var broken = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var harness = new AuthorizerHarness(
            AuthorizerHarness.JwksSettings(broken.BaseAddress), new JwksKeySource(httpClient, broken.BaseAddress, clock), clock);

        var error = await Assert.ThrowsAsync<InvocationException>(
            () => harness.InvokeAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec()))));

        // Not knowing is not a refusal: an invocation error (API Gateway's 500, and Lambda's Errors metric).
        Assert.Equal(AuthorizerHandler.KeysUnavailableErrorType, error.ErrorType);
        Assert.Equal("error", harness.LastLogLine().GetProperty("outcome").GetString());
        Assert.Equal("ERROR", harness.LastLogLine().GetProperty("level").GetString());
        Assert.Equal("keys_unavailable", harness.LastLogLine().GetProperty("reason").GetString());
    }

    [Fact]
    public async Task LogLineCarriesOutcomeAndReasonButNeverTheToken()
    {
        var harness = Harness();
        var token = issuer.Rs256(new TokenSpec { Audience = "another-app" });

        await harness.RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token));

        var line = harness.LastLogLine();
        Assert.Equal("deny", line.GetProperty("outcome").GetString());
        Assert.Equal("INFO", line.GetProperty("level").GetString());
        Assert.Equal("wrong_audience", line.GetProperty("reason").GetString());
        Assert.Equal("XYZ123abcDEF=", line.GetProperty("requestId").GetString());
        Assert.DoesNotContain(token.Split('.')[1], harness.LogText);
        Assert.DoesNotContain(token.Split('.')[2], harness.LogText);
    }

    // Cognito documents that an ID token carries the app client id in aud (token_use: id), while an access token
    // carries it in client_id, has no aud, and says token_use: access ("Understanding user pool JSON web tokens",
    // Amazon Cognito Developer Guide). Both are accepted for the configured client, nothing that only looks like one.
    [Fact]
    public async Task CognitoIdTokenForTheAppClientIsAllowed()
    {
        var token = issuer.Rs256(CognitoToken(audience: AppClient, tokenUse: "id"));

        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(queryToken: token));

        Assert.Equal("Allow", Assert.Single(response.PolicyDocument.Statement).Effect);
        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Fact]
    public async Task CognitoAccessTokenWhoseClientIdIsTheAppClientIsAllowed()
    {
        var token = issuer.Rs256(CognitoToken(audience: null, tokenUse: "access", clientId: AppClient));

        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(queryToken: token));

        Assert.Equal("Allow", Assert.Single(response.PolicyDocument.Statement).Effect);
        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
        Assert.Equal(TestIssuer.UserId, response.Context![AuthorizerResponse.UserIdContextKey]);
    }

    [Theory]
    // An access token issued to another app client of the same pool.
    [InlineData(null, "access", OtherClient)]
    // An ID token for another client that also names ours in client_id: aud decides.
    [InlineData(OtherClient, "id", AppClient)]
    // An access token naming our client, but with an aud for another: aud decides.
    [InlineData(OtherClient, "access", AppClient)]
    // Our client id, no aud, but not an access token.
    [InlineData(null, "id", AppClient)]
    [InlineData(null, null, AppClient)]
    [InlineData(null, "Access", AppClient)]
    // No aud and no client id at all.
    [InlineData(null, "access", null)]
    public async Task TokensThatOnlyLookLikeCognitoTokensForTheAppClientAreRefused(string? audience, string? tokenUse, string? clientId)
    {
        var token = issuer.Rs256(CognitoToken(audience, tokenUse, clientId));

        Assert.Equal("wrong_audience", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    private static TokenSpec CognitoToken(string? audience, string? tokenUse, string? clientId = null)
    {
        var claims = new Dictionary<string, object> { ["sub"] = TestIssuer.UserId, ["username"] = "ada" };
        if (tokenUse is not null)
        {
            claims["token_use"] = tokenUse;
        }

        if (clientId is not null)
        {
            claims["client_id"] = clientId;
        }

        return new TokenSpec { Audience = audience, Claims = claims };
    }

    private AuthorizerHarness Harness(AuthorizerSettings? settings = null) => new(
        settings ?? AuthorizerHarness.JwksSettings(jwks.Url),
        new JwksKeySource(httpClient, jwks.Url, clock),
        clock);
}
