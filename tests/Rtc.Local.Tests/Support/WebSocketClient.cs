namespace Rtc.Local.Tests.Support;

/// <summary>Helpers over <see cref="ClientWebSocket"/> with deadlines, so no test waits forever.</summary>
public static class WebSocketClient
{
    /// <summary>Opens a connection to <paramref name="uri"/>.</summary>
    public static async Task<ClientWebSocket> ConnectAsync(Uri uri, Action<ClientWebSocketOptions>? configure = null)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        configure?.Invoke(socket.Options);
        using var deadline = new CancellationTokenSource(Eventually.WaitLimit);
        await socket.ConnectAsync(uri, deadline.Token);
        return socket;
    }

    /// <summary>The HTTP status of a refused handshake.</summary>
    public static async Task<int> RefusedStatusAsync(Uri uri)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        using var deadline = new CancellationTokenSource(Eventually.WaitLimit);
        await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, deadline.Token));
        return (int)socket.HttpStatusCode;
    }

    /// <summary>Sends one text message.</summary>
    public static Task SendTextAsync(this ClientWebSocket socket, string text) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Receives one whole message (or the close frame) within the deadline.</summary>
    public static async Task<(WebSocketMessageType Type, byte[] Data)> ReceiveMessageAsync(this ClientWebSocket socket)
    {
        using var deadline = new CancellationTokenSource(Eventually.WaitLimit);
        using var message = new MemoryStream();
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, deadline.Token);
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage || result.MessageType == WebSocketMessageType.Close)
            {
                return (result.MessageType, message.ToArray());
            }
        }
    }

    /// <summary>Receives one text message within the deadline.</summary>
    public static async Task<string> ReceiveTextAsync(this ClientWebSocket socket)
    {
        var (type, data) = await socket.ReceiveMessageAsync();
        Assert.Equal(WebSocketMessageType.Text, type);
        return Encoding.UTF8.GetString(data);
    }

    /// <summary>
    /// Receives one published message within the deadline: checks it is a <c>{"type":"message",...}</c> envelope and
    /// returns its <c>data</c> as the raw JSON text posted.
    /// </summary>
    public static async Task<string> ReceiveDataAsync(this ClientWebSocket socket)
    {
        using var envelope = JsonDocument.Parse(await socket.ReceiveTextAsync());
        Assert.Equal("message", envelope.RootElement.GetProperty("type").GetString());
        return envelope.RootElement.GetProperty("data").GetRawText();
    }

    /// <summary>Reads until the gateway's close frame, answers it as browsers do, and returns its status.</summary>
    public static async Task<WebSocketCloseStatus?> ReceiveCloseAsync(this ClientWebSocket socket)
    {
        while (true)
        {
            var (type, _) = await socket.ReceiveMessageAsync();
            if (type == WebSocketMessageType.Close)
            {
                var status = socket.CloseStatus;
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                return status;
            }
        }
    }
}
