using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Local.Hosting;
using Rtc.Local.Tests.Support;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>The management API's behaviour, with signature checking off (signing has its own tests).</summary>
public sealed class ManagementApiTests : IAsyncLifetime
{
    private readonly RecordingConnectionsHandler connections = new();
    private readonly HttpClient http = new();
    private LocalGateway gateway = null!;
    private ClientWebSocket socket = null!;
    private string connectionId = "";

    public async Task InitializeAsync()
    {
        gateway = await TestGateway.StartAsync(connections, TestGateway.Options with { RequireSignature = false });
        socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri, options => options.SetRequestHeader("User-Agent", "agent/2"));
        connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId!;
    }

    public async Task DisposeAsync()
    {
        socket.Dispose();
        http.Dispose();
        await gateway.DisposeAsync();
    }

    [Fact]
    public async Task PostToConnectionDeliversTheBodyAsOneTextMessage()
    {
        using var response = await http.PostAsync(ConnectionUri(connectionId), new StringContent("{\"hello\":\"world\"}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"hello\":\"world\"}", await socket.ReceiveTextAsync());
    }

    [Fact]
    public async Task PostToConnectionSendsBytesThatAreNotUtf8AsBinary()
    {
        using var response = await http.PostAsync(ConnectionUri(connectionId), new ByteArrayContent([0xff, 0xfe, 0x00]));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var (type, data) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Binary, type);
        Assert.Equal(new byte[] { 0xff, 0xfe, 0x00 }, data);
    }

    [Fact]
    public async Task PostOver128KilobytesIsRefusedWith413()
    {
        using var response = await http.PostAsync(ConnectionUri(connectionId), new ByteArrayContent(new byte[128 * 1024 + 1]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("PayloadTooLargeException", ErrorType(response));
    }

    [Fact]
    public async Task GetConnectionDescribesTheConnectionInIso8601()
    {
        await socket.SendTextAsync("activity");
        await connections.NextAsync(WebSocketRoutes.Default);

        using var response = await http.GetAsync(ConnectionUri(connectionId));
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var connectedAt = DateTimeOffset.Parse(body.GetProperty("connectedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var lastActiveAt = DateTimeOffset.Parse(body.GetProperty("lastActiveAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(lastActiveAt >= connectedAt);
        Assert.EndsWith("Z", body.GetProperty("connectedAt").GetString());
        Assert.Equal("127.0.0.1", body.GetProperty("identity").GetProperty("sourceIp").GetString());
        Assert.Equal("agent/2", body.GetProperty("identity").GetProperty("userAgent").GetString());
    }

    [Fact]
    public async Task DeleteConnectionAnswers204ClosesTheSocketAndSendsDisconnect()
    {
        using var response = await http.DeleteAsync(ConnectionUri(connectionId));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.NotNull(await socket.ReceiveCloseAsync());
        var disconnect = await connections.NextAsync(WebSocketRoutes.Disconnect);
        Assert.Equal(connectionId, disconnect.RequestContext.ConnectionId);
        using var after = await http.PostAsync(ConnectionUri(connectionId), new StringContent("late"));
        Assert.Equal(HttpStatusCode.Gone, after.StatusCode);
    }

    [Theory]
    [InlineData("POST")]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task UnknownConnectionIsGoneWithAnEmptyBody(string method)
    {
        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), ConnectionUri("AAAAAAAAAAAAAAA=")) { Content = new StringContent("x") });

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("GoneException", ErrorType(response));
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task ConnectionIdWithAnEncodedSlashIsOneIdNotAnotherPath()
    {
        // Base64 ids can hold '/', which clients send as %2F: still a management request, for an unknown id.
        using var response = await http.GetAsync(ConnectionUri("AAAA/AAAAAAAAAA="));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("GoneException", ErrorType(response));
    }

    [Fact]
    public async Task ClosedConnectionIsGone()
    {
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
        await connections.NextAsync(WebSocketRoutes.Disconnect);

        using var response = await http.PostAsync(ConnectionUri(connectionId), new StringContent("late"));

        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task WrongStageIsForbidden()
    {
        using var response = await http.PostAsync(new Uri(gateway.BaseUri, $"prod/@connections/{Uri.EscapeDataString(connectionId)}"), new StringContent("x"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("ForbiddenException", ErrorType(response));
    }

    private Uri ConnectionUri(string id) => new(gateway.ManagementEndpoint + "/@connections/" + Uri.EscapeDataString(id));

    private static string ErrorType(HttpResponseMessage response) => response.Headers.GetValues("x-amzn-ErrorType").Single();
}
