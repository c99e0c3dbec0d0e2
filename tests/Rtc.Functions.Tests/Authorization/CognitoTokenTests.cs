using Rtc.Functions.Authorization;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>
/// Both kinds of Cognito user pool token for the configured app client (the audience) are accepted, and nothing
/// that only looks like one. Cognito documents that an ID token carries the app client id in <c>aud</c>
/// (<c>token_use: id</c>), while an access token carries it in <c>client_id</c>, has no <c>aud</c>, and says
/// <c>token_use: access</c> ("Understanding user pool JSON web tokens", Amazon Cognito Developer Guide).
/// </summary>
public sealed class CognitoTokenTests : IAsyncLifetime
{
    private const string AppClient = TestIssuer.AudienceName;
    private const string OtherClient = "another-app-client";

    private readonly TestIssuer issuer = new();
    private readonly ManualClock clock = new(TestIssuer.Now);
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
    public async Task IdTokenForTheAppClientIsAllowed()
    {
        var token = issuer.Rs256(Token(audience: AppClient, tokenUse: "id"));

        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(queryToken: token));

        Assert.Equal("Allow", Assert.Single(response.PolicyDocument.Statement).Effect);
        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Fact]
    public async Task AccessTokenWhoseClientIdIsTheAppClientIsAllowed()
    {
        var token = issuer.Rs256(Token(audience: null, tokenUse: "access", clientId: AppClient));

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
    public async Task TokensThatOnlyLookLikeOursAreRefusedForTheAudience(string? audience, string? tokenUse, string? clientId)
    {
        var token = issuer.Rs256(Token(audience, tokenUse, clientId));

        Assert.Equal("wrong_audience", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    private static TokenSpec Token(string? audience, string? tokenUse, string? clientId = null)
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

    private AuthorizerHarness Harness() => new(
        AuthorizerHarness.JwksSettings(jwks.Url), new JwksKeySource(httpClient, jwks.Url, clock), clock);
}
