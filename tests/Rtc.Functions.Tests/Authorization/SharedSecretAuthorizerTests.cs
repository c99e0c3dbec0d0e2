using System.Text;
using Microsoft.Extensions.Time.Testing;
using Rtc.Functions.Authorization;
using Rtc.Functions.Runtime;
using Rtc.Local.Authorization;
using Rtc.Testing.Events;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>The authorizer in HS256 secret mode, as the local gateway runs it.</summary>
public sealed class SharedSecretAuthorizerTests : IDisposable
{
    private readonly TestIssuer issuer = new();
    private readonly FakeTimeProvider clock = new(TestIssuer.Now);

    public void Dispose() => issuer.Dispose();

    [Fact]
    public async Task LocalDevelopmentTokenIsAllowed()
    {
        var token = LocalDevelopmentTokens.Mint(AuthorizerHarness.SecretSettings(), "ada", TimeSpan.FromHours(1), clock);

        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(queryToken: token));

        Assert.Equal("ada", response.PrincipalId);
        Assert.Equal("ada", response.Context!["userId"]);
    }

    [Fact]
    public async Task LocalDevelopmentTokenExpiresAfterItsLifetime()
    {
        var token = LocalDevelopmentTokens.Mint(AuthorizerHarness.SecretSettings(), "ada", TimeSpan.FromMinutes(10), clock);
        clock.Advance(TimeSpan.FromMinutes(11));

        Assert.Equal("expired", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task TokenOfferedAsSubprotocolBeforeRtcIsAllowed()
    {
        var response = await Harness().InvokeAsync(AuthorizerEvents.Connect(protocolHeader: $"{issuer.Hs256(new TokenSpec())},rtc"));

        Assert.Equal(TestIssuer.UserId, response.PrincipalId);
    }

    [Theory]
    [InlineData("rtc")]
    [InlineData("rtc, rtc")]
    [InlineData("chat, superchat")]
    public async Task SubprotocolsWithoutATokenNextToRtcAreRefused(string protocols)
    {
        Assert.Equal("missing_token", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(protocolHeader: protocols)));
    }

    [Fact]
    public async Task TokenSignedWithAnotherSecretIsRefused()
    {
        var token = issuer.Hs256(new TokenSpec(), Encoding.UTF8.GetBytes("another-secret-that-is-long-enough-0123456789"));

        Assert.Equal("bad_signature", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: token)));
    }

    [Fact]
    public async Task Rs256TokenIsRefusedInSecretMode()
    {
        Assert.Equal("disallowed_algorithm", await Harness().RefusedReasonAsync(AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec()))));
    }

    [Fact]
    public async Task EventThatIsNotJsonFailsTheInvocation()
    {
        // API Gateway never sends one: a wiring fault, which must show in Errors rather than pass as a refusal.
        var harness = Harness();

        var error = await Assert.ThrowsAsync<InvocationException>(() => harness.InvokeAsync("{\"type\":"));

        Assert.Equal(AuthorizerHandler.MalformedEventErrorType, error.ErrorType);
        Assert.Equal("malformed_event", harness.LastLogLine().GetProperty("reason").GetString());
    }

    private AuthorizerHarness Harness() =>
        new(AuthorizerHarness.SecretSettings(), new SharedSecretKeySource(TestIssuer.Hs256Secret), clock);
}
