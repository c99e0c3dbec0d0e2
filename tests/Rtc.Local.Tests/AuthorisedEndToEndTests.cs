namespace Rtc.Local.Tests;

/// <summary><c>--auth jwt</c>: the real authorizer before <c>$connect</c>, with tokens minted by the gateway.</summary>
public sealed class AuthorisedEndToEndTests : IAsyncLifetime
{
    private readonly HttpClient http = new();
    private RealGateway real = null!;

    public async Task InitializeAsync() => real = await RealGateway.StartAsync(TestGateway.Options with { Auth = AuthMode.Jwt });

    public async Task DisposeAsync()
    {
        http.Dispose();
        await real.DisposeAsync();
    }

    [Fact]
    public async Task UsersReceiveTheirOwnMessagesAndNeverAnotherUsersEvenWhenTheyNameThemInTheQuery()
    {
        // Mallory holds a valid token for herself but asks, through user_id, for alice's notifications.
        using var mallory = await EndToEndTests.ConnectAsync(real, $"?token={await TokenAsync("mallory")}&user_id=alice");
        using var alice = await EndToEndTests.ConnectAsync(real, $"?token={await TokenAsync("alice")}");
        await EndToEndTests.WaitForRowsAsync(real, "mallory", 1);
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);

        var toAlice = await EndToEndTests.PublishAsync(real, """{"userId":"alice","message":"for alice"}""");
        await EndToEndTests.PublishAsync(real, """{"userId":"mallory","message":"for mallory"}""");

        Assert.Equal(1, toAlice.GetProperty("delivered").GetInt32());
        Assert.Equal("\"for alice\"", await alice.ReceiveDataAsync());
        Assert.Equal("\"for mallory\"", await mallory.ReceiveDataAsync());
    }

    [Fact]
    public async Task TokenInTheSubprotocolIsAcceptedAndTheProtocolEchoed()
    {
        var token = await TokenAsync("alice");

        using var alice = await WebSocketClient.ConnectAsync(real.Gateway.WebSocketUri, options =>
        {
            options.AddSubProtocol("rtc");
            options.AddSubProtocol(token);
        });

        Assert.Equal("rtc", alice.SubProtocol);
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);
    }

    // Without the identity source API Gateway refuses with 401 and never calls the authorizer; a token the
    // authorizer refuses gets its Deny policy, which API Gateway answers with 403.
    [Theory]
    [InlineData("", 401)]
    [InlineData("?user_id=alice", 401)]
    [InlineData("?token=not-a-jwt", 403)]
    [InlineData("?token=not-a-jwt&user_id=alice", 403)]
    public async Task ConnectionsWithoutAValidTokenAreRefused(string query, int status)
    {
        Assert.Equal(status, await WebSocketClient.RefusedStatusAsync(new Uri(real.Gateway.WebSocketUri + query)));
        Assert.Empty(await real.ConnectionsOfAsync("alice"));
    }

    [Fact]
    public async Task TokenEndpointRefusesAMissingUser()
    {
        using var response = await http.GetAsync(new Uri(real.Gateway.BaseUri, "@local/token"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task TokenEndpointMintsATokenThatExpiresAfterTheTtl()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var token = await TokenAsync("alice", "&ttl=20");
        var after = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var exp = ExpiryOf(token);
        Assert.InRange(exp, before + 20, after + 20);
        // Still a token the authorizer accepts.
        using var alice = await EndToEndTests.ConnectAsync(real, $"?token={token}");
        await EndToEndTests.WaitForRowsAsync(real, "alice", 1);
    }

    [Fact]
    public async Task TokenEndpointWithoutTtlMintsTwelveHourTokens()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exp = ExpiryOf(await TokenAsync("alice"));

        Assert.InRange(exp - before, 12 * 3600 - 1, 12 * 3600 + 1);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("86401")]
    [InlineData("-5")]
    [InlineData("1.5")]
    [InlineData("abc")]
    [InlineData("")]
    [InlineData("+20")]
    [InlineData("99999999999999999999")]
    public async Task TokenEndpointRefusesATtlOutsideTheRangeNamingIt(string ttl)
    {
        using var response = await http.GetAsync(new Uri(real.Gateway.BaseUri, $"@local/token?user=alice&ttl={Uri.EscapeDataString(ttl)}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("ttl", body, StringComparison.Ordinal);
        Assert.Contains("1 to 86400", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("86400")]
    public async Task TokenEndpointAcceptsTheBoundsOfTheTtlRange(string ttl)
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var exp = ExpiryOf(await TokenAsync("alice", $"&ttl={ttl}"));

        Assert.InRange(exp - before, long.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture) - 1, long.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture) + 1);
    }

    /// <summary>The <c>exp</c> claim of a JWT, read without verifying it.</summary>
    private static long ExpiryOf(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement.GetProperty("exp").GetInt64();
    }

    private async Task<string> TokenAsync(string user, string query = "")
    {
        var body = await http.GetStringAsync(new Uri(real.Gateway.BaseUri, $"@local/token?user={user}{query}"));
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }
}
