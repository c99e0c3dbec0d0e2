using System.Net.WebSockets;
using System.Text;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Connections;
using Rtc.Local.Hosting;
using Rtc.Local.Http;

namespace Rtc.Local.WebSockets;

/// <summary>
/// Reads one connection until it closes: enforces the frame, message, idle and duration quotas, answers <c>ping</c>
/// itself as the deployed MOCK route does, routes every other message to the connections function, and reports
/// <c>$disconnect</c> once at the end.
/// </summary>
internal sealed class ConnectionPump(
    GatewayOptions options,
    ConnectionRegistry registry,
    ProxyEventFactory events,
    RouteInvoker routes,
    TimeProvider clock,
    FunctionLogger logger)
{
    // WebSocket's close code for a connection lost without a close frame.
    private const int AbnormalClosure = 1006;

    // WebSocket's close code for a close frame that carried no code.
    private const int NoStatusReceived = 1005;

    /// <summary>Runs until the socket is closed; never throws for anything the client does.</summary>
    public async Task RunAsync(LiveConnection connection, WebSocket socket, ConnectionFacts facts)
    {
        using var idle = clock.CreateTimer(_ => _ = connection.CloseAsync(CloseCause.GoingAway), null, options.IdleTimeout, Timeout.InfiniteTimeSpan);
        using var lifetime = clock.CreateTimer(_ => _ = connection.CloseAsync(CloseCause.GoingAway), null, options.MaxDuration, Timeout.InfiniteTimeSpan);

        // One byte more than a frame may hold: a read that fills the buffer proves the frame is over the quota,
        // because a read returns what is left of the current frame, up to the buffer's size.
        var buffer = new byte[options.MaxFrameBytes + 1];
        using var message = new MemoryStream();
        var abrupt = false;
        int statusCode;
        string reason;
        try
        {
            while (true)
            {
                var result = await socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    await connection.AcknowledgeCloseAsync();
                    (statusCode, reason) = connection.CloseCause is { } cause
                        ? ((int)cause.Status, cause.Reason)
                        : ((int?)socket.CloseStatus ?? NoStatusReceived, socket.CloseStatusDescription ?? "");
                    break;
                }

                if (connection.CloseCause is not null)
                {
                    continue;
                }

                message.Write(buffer, 0, result.Count);
                if (result.Count > options.MaxFrameBytes || message.Length > options.MaxMessageBytes)
                {
                    message.SetLength(0);
                    await connection.CloseAsync(CloseCause.TooBig);
                    continue;
                }

                if (result.EndOfMessage)
                {
                    connection.MarkActive(clock.GetUtcNow());
                    idle.Change(options.IdleTimeout, Timeout.InfiniteTimeSpan);
                    await DispatchAsync(connection, facts, message.ToArray(), result.MessageType);
                    message.SetLength(0);
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or OperationCanceledException)
        {
            abrupt = connection.CloseCause is null;
            (statusCode, reason) = connection.CloseCause is { } cause ? ((int)cause.Status, cause.Reason) : (AbnormalClosure, "");
        }
        finally
        {
            registry.Remove(connection.ConnectionId);
        }

        await DisconnectAsync(facts, statusCode, reason, abrupt);
    }

    /// <summary>
    /// Ends a connection whose client left before its handshake could be answered (after <c>$connect</c>
    /// succeeded): as a socket lost without a close frame.
    /// </summary>
    public Task LostBeforeOpenAsync(ConnectionFacts facts) => DisconnectAsync(facts, AbnormalClosure, "", abrupt: true);

    private async Task DisconnectAsync(ConnectionFacts facts, int statusCode, string reason, bool abrupt)
    {
        if (abrupt && options.AbruptDrop)
        {
            logger.Write(LogSeverity.Warn, "connection dropped without $disconnect", ("connectionId", facts.ConnectionId));
            return;
        }

        await routes.InvokeAsync(events.Disconnect(facts, statusCode, reason));
    }

    private async Task DispatchAsync(LiveConnection connection, ConnectionFacts facts, byte[] data, WebSocketMessageType type)
    {
        var text = type == WebSocketMessageType.Text ? Encoding.UTF8.GetString(data) : null;
        var route = text is null ? WebSocketRoutes.Default : RouteSelector.Select(text);
        if (route == WebSocketRoutes.Ping)
        {
            // Deployed, ping is a MOCK integration with a route response: API Gateway replies without invoking a function.
            logger.Write(LogSeverity.Info, "route", ("route", route), ("connectionId", facts.ConnectionId), ("outcome", "mock"));
            await connection.SendAsync(Encoding.UTF8.GetBytes(ClientFrames.Pong), WebSocketMessageType.Text);
            return;
        }

        var request = text is not null
            ? events.Message(facts, route, text, isBase64Encoded: false)
            : events.Message(facts, route, Convert.ToBase64String(data), isBase64Encoded: true);
        var outcome = await routes.InvokeAsync(request);
        if (!outcome.Succeeded)
        {
            // Without a route response API Gateway sends nothing back, except this notice when the integration fails.
            var notice = new GatewayMessage("Internal server error", facts.ConnectionId, request.RequestContext.RequestId);
            await connection.SendAsync(JsonOutput.SerializeToUtf8Bytes(notice, LocalJsonContext.Default.GatewayMessage), WebSocketMessageType.Text);
        }
    }
}
