using System.Net;
using System.Net.Http.Headers;
using System.Net.WebSockets;
using System.Text.Json;
using Rtc.Contracts;
using Rtc.Local.Tests.Support;
using Rtc.Testing;
using Rtc.Testing.Gateway;

namespace Rtc.Local.Tests;

/// <summary>RFC 6455 on the opening handshake and on text frames, as a client that is not a browser can get them wrong.</summary>
public sealed class HandshakeTests : IAsyncLifetime
{
    private readonly RecordingConnectionsHandler connections = new();
    private Hosting.LocalGateway gateway = null!;

    public async Task InitializeAsync() => gateway = await TestGateway.StartAsync(connections);

    public async Task DisposeAsync() => await gateway.DisposeAsync();

    [Fact]
    public async Task ValidVersion13HandshakeIsAccepted()
    {
        var response = await RawHandshake.SendAsync(gateway.WebSocketUri);

        Assert.Equal(HttpStatusCode.SwitchingProtocols, response.Status);
    }

    // RFC 6455 section 4.4: a server that does not speak the client's version answers 426 Upgrade Required with
    // Sec-WebSocket-Version naming the versions it speaks.
    [Theory]
    [InlineData("8")]
    [InlineData("14")]
    [InlineData("")]
    public async Task OtherVersionIsRefusedWith426Naming13(string version)
    {
        var response = await RawHandshake.SendAsync(gateway.WebSocketUri, version: version);

        Assert.Equal(HttpStatusCode.UpgradeRequired, response.Status);
        Assert.Equal("13", response.Headers.GetValues("Sec-WebSocket-Version").Single());
        Assert.Empty(connections.RawEvents);
    }

    // RFC 6455 sections 4.1 and 4.2.1: the key is the base64 encoding of 16 random bytes; a server that cannot
    // read the handshake answers 400 Bad Request.
    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAA=")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("")]
    public async Task MalformedKeyIsRefusedWith400(string key)
    {
        var response = await RawHandshake.SendAsync(gateway.WebSocketUri, key: key);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Contains("Sec-WebSocket-Key", response.Body);
        Assert.Empty(connections.RawEvents);
    }

    // RFC 6455 section 8.1: text frames carry UTF-8; on invalid UTF-8 the endpoint fails the connection with
    // close code 1007. The close frame must reach the client every time, not be lost to a reset.
    [Fact]
    public async Task InvalidUtf8InATextFrameIsClosedWith1007EveryTime()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var socket = await WebSocketClient.ConnectAsync(gateway.WebSocketUri);
            var connectionId = (await connections.NextAsync(WebSocketRoutes.Connect)).RequestContext.ConnectionId;

            await socket.SendAsync(new byte[] { (byte)'{', 0xC3, 0x28, (byte)'}' }, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

            Assert.Equal(WebSocketCloseStatus.InvalidPayloadData, await socket.ReceiveCloseAsync());
            var disconnect = await connections.NextAsync(WebSocketRoutes.Disconnect);
            Assert.Equal(connectionId, disconnect.RequestContext.ConnectionId);
        }
    }
}

/// <summary>An opening handshake sent over plain HTTP, so tests can send what no WebSocket client would and read the refusal's body.</summary>
internal static class RawHandshake
{
    /// <summary>A valid key: the base64 encoding of 16 bytes.</summary>
    public const string ValidKey = "dGhlIHNhbXBsZSBub25jZQ==";

    /// <summary>Sends a handshake to <paramref name="uri"/> (ws:// becomes http://) with <paramref name="version"/> and <paramref name="key"/>.</summary>
    public static async Task<Answer> SendAsync(Uri uri, string version = "13", string key = ValidKey)
    {
        using var http = new HttpMessageInvoker(new SocketsHttpHandler());
        using var request = new HttpRequestMessage(HttpMethod.Get, new UriBuilder(uri) { Scheme = "http" }.Uri);
        request.Headers.TryAddWithoutValidation("Connection", "Upgrade");
        request.Headers.TryAddWithoutValidation("Upgrade", "websocket");
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Version", version);
        request.Headers.TryAddWithoutValidation("Sec-WebSocket-Key", key);
        using var deadline = new CancellationTokenSource(Eventually.WaitLimit);
        using var response = await http.SendAsync(request, deadline.Token);

        // After 101 the body is the WebSocket itself: there is nothing to read.
        var body = response.StatusCode == HttpStatusCode.SwitchingProtocols ? "" : await response.Content.ReadAsStringAsync(deadline.Token);
        return new Answer(response.StatusCode, response.Headers, response.Content.Headers.ContentType?.MediaType, body);
    }

    /// <summary>The handshake's answer.</summary>
    /// <param name="Status">The HTTP status.</param>
    /// <param name="Headers">The response headers.</param>
    /// <param name="ContentType">The body's media type, if any.</param>
    /// <param name="Body">The body (empty after 101).</param>
    public sealed record Answer(HttpStatusCode Status, HttpResponseHeaders Headers, string? ContentType, string Body)
    {
        /// <summary>The <c>message</c> of a refusal's JSON body.</summary>
        public string? Message => JsonDocument.Parse(Body).RootElement.GetProperty("message").GetString();
    }
}
