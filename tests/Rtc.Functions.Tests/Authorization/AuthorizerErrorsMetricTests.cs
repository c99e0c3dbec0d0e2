using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Rtc.Functions.Authorization;
using Rtc.Functions.Runtime;
using Rtc.Testing;
using Rtc.Testing.Events;
using Rtc.Testing.Runtime;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>
/// What the production alarm on the authorizer's <c>Errors</c> sees, with the authorizer run by the Runtime API
/// loop as Lambda runs it. Lambda's <c>Errors</c> metric is "the number of invocations that result in a function
/// error" ("Types of metrics for Lambda functions", AWS Lambda Developer Guide): an invocation whose result is
/// posted to <c>/runtime/invocation/{id}/error</c>. A refusal is posted as a response, so the alarm never counts
/// clients with bad or old tokens; failing to check a token is posted as an error, so the alarm counts it.
/// </summary>
public sealed class AuthorizerErrorsMetricTests : IAsyncLifetime
{
    private readonly TestIssuer issuer = new();
    private readonly CancellationTokenSource shutdown = new();
    private readonly HttpClient jwksClient = new();
    private FakeRuntimeApi runtimeApi = null!;
    private HttpClient runtimeClient = null!;

    public async Task InitializeAsync()
    {
        runtimeApi = await FakeRuntimeApi.StartAsync();
        runtimeClient = RuntimeApiClient.CreateHttpClient(runtimeApi.HostAndPort);
    }

    public async Task DisposeAsync()
    {
        shutdown.Cancel();
        runtimeClient.Dispose();
        jwksClient.Dispose();
        await runtimeApi.DisposeAsync();
        shutdown.Dispose();
        issuer.Dispose();
    }

    [Fact]
    public async Task RefusedTokensArePostedAsDenyResponsesWhichLambdaDoesNotCountAsErrors()
    {
        await using var jwks = await JwksServer.StartAsync(issuer.Jwks());
        var loop = Start(jwks.Url);
        string?[] tokens =
        [
            null,
            "not-a-token",
            issuer.Rs256(new TokenSpec { NotBefore = TestIssuer.Now.AddHours(-2), Expires = TestIssuer.Now.AddHours(-1) }),
            issuer.Rs256(new TokenSpec { Audience = "another-app" }),
            issuer.Rs256(new TokenSpec { Issuer = "https://elsewhere.example.test/" }),
        ];
        for (var index = 0; index < tokens.Length; index++)
        {
            runtimeApi.Enqueue($"refused-{index}", AuthorizerEvents.Connect(queryToken: tokens[index]));
        }

        foreach (var index in Enumerable.Range(0, tokens.Length))
        {
            var post = await runtimeApi.NextPostAsync();

            Assert.Equal($"/2018-06-01/runtime/invocation/refused-{index}/response", post.Path);
            Assert.Null(post.ErrorType);
            using var response = JsonDocument.Parse(post.Body);
            Assert.Equal("Deny", response.RootElement.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString());
        }

        await StopAsync(loop);
    }

    [Fact]
    public async Task UnreachableIssuerKeysArePostedAsAnErrorWhichLambdaCounts()
    {
        await using var broken = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        });
        var loop = Start(broken.BaseAddress);
        runtimeApi.Enqueue("outage-1", AuthorizerEvents.Connect(queryToken: issuer.Rs256(new TokenSpec())));

        var post = await runtimeApi.NextPostAsync();

        Assert.Equal("/2018-06-01/runtime/invocation/outage-1/error", post.Path);
        Assert.Equal(AuthorizerHandler.KeysUnavailableErrorType, post.ErrorType);
        await StopAsync(loop);
    }

    private Task<int> Start(Uri jwksUrl)
    {
        // Tokens are judged at TestIssuer.Now; the loop turns real deadlines into cancellations on the real clock.
        var clock = new FakeTimeProvider(TestIssuer.Now);
        var logger = new FunctionLogger(TextWriter.Null, clock);
        return new LambdaRuntimeLoop(new RuntimeApiClient(runtimeClient), logger, TimeProvider.System, _ => { }).RunAsync(
            () => new AuthorizerHandler(AuthorizerHarness.JwksSettings(jwksUrl), new JwksKeySource(jwksClient, jwksUrl, clock), clock, logger),
            shutdown.Token);
    }

    private async Task StopAsync(Task<int> loop)
    {
        shutdown.Cancel();
        Assert.Equal(0, await loop.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
