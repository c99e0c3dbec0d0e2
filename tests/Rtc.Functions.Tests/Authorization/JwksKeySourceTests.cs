using System.Text.Json.Nodes;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>How the JWKS cache behaves when the issuer is slow, down, or publishes something odd.</summary>
public sealed class JwksKeySourceTests : IDisposable
{
    private readonly TestIssuer issuer = new();
    private readonly FakeTimeProvider clock = new(TestIssuer.Now);
    private readonly HttpClient httpClient = new();

    public void Dispose()
    {
        httpClient.Dispose();
        issuer.Dispose();
    }

    [Fact]
    public async Task KeySetIsFetchedAgainOnceTheCacheLifetimeHasPassed()
    {
        await using var jwks = await JwksServer.StartAsync(issuer.Jwks());
        var source = new JwksKeySource(httpClient, jwks.Url, clock);
        await source.GetSigningKeysAsync(TestIssuer.RsaKeyId);

        clock.Advance(new JwksCacheOptions().CacheLifetime);
        await source.GetSigningKeysAsync(TestIssuer.RsaKeyId);

        Assert.Equal(2, jwks.Fetches);
    }

    [Fact]
    public async Task KnownKeysKeepWorkingWhileTheIssuerIsDown()
    {
        var healthy = true;
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            context.Response.StatusCode = Volatile.Read(ref healthy) ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync(issuer.Jwks());
        });
        var source = new JwksKeySource(httpClient, server.BaseAddress, clock);
        await source.GetSigningKeysAsync(TestIssuer.RsaKeyId);

        Volatile.Write(ref healthy, false);
        clock.Advance(new JwksCacheOptions().CacheLifetime);
        var keys = await source.GetSigningKeysAsync(TestIssuer.RsaKeyId);

        Assert.Equal(TestIssuer.RsaKeyId, Assert.Single(keys).KeyId);
    }

    [Fact]
    public async Task UnreachableIssuerWithNothingCachedIsReported()
    {
        await using var server = await LoopbackHttpServer.StartAsync(context =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        });
        var source = new JwksKeySource(httpClient, server.BaseAddress, clock);

        await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => source.GetSigningKeysAsync(TestIssuer.RsaKeyId));
    }

    [Fact]
    public async Task FetchThatOutlivesTheTimeoutIsAbandoned()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackHttpServer.StartAsync(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
        });
        var source = new JwksKeySource(httpClient, server.BaseAddress, TimeProvider.System, new JwksCacheOptions { FetchTimeout = TimeSpan.FromMilliseconds(200) });

        try
        {
            var error = await Assert.ThrowsAsync<SigningKeysUnavailableException>(() => source.GetSigningKeysAsync(TestIssuer.RsaKeyId));
            Assert.Contains("longer than", error.Message);
        }
        finally
        {
            release.SetResult();
        }
    }

    [Fact]
    public async Task SymmetricKeysPublishedInTheJwksAreIgnored()
    {
        var document = JsonNode.Parse(issuer.Jwks())!;
        document["keys"]!.AsArray().Add(new JsonObject { ["kty"] = "oct", ["kid"] = "shared", ["k"] = "c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3JldA" });
        await using var jwks = await JwksServer.StartAsync(document.ToJsonString());
        var source = new JwksKeySource(httpClient, jwks.Url, clock);

        Assert.Empty(await source.GetSigningKeysAsync("shared"));
        Assert.Equal([TestIssuer.RsaKeyId, TestIssuer.EcKeyId], (await source.GetSigningKeysAsync(null)).Select(key => key.KeyId));
    }
}
