using System.Net;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

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

    private async Task<string> TokenAsync(string user)
    {
        var body = await http.GetStringAsync(new Uri(real.Gateway.BaseUri, $"@local/token?user={user}"));
        return JsonDocument.Parse(body).RootElement.GetProperty("token").GetString()!;
    }
}
