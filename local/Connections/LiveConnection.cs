using System.Net.WebSockets;

namespace Rtc.Local.Connections;

/// <summary>One open WebSocket: what GetConnection reports, and the only way anything writes to the socket.</summary>
internal sealed class LiveConnection(string connectionId, WebSocket socket, DateTimeOffset connectedAt, string? sourceIp, string? userAgent)
{
    // A close handshake the client never answers must not hold the connection forever.
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly SemaphoreSlim sendLock = new(1, 1);
    private long lastActiveTicks = connectedAt.UtcTicks;
    private CloseCause? closeCause;

    public string ConnectionId { get; } = connectionId;

    /// <summary>When the handshake completed.</summary>
    public DateTimeOffset ConnectedAt { get; } = connectedAt;

    public string? SourceIp { get; } = sourceIp;

    public string? UserAgent { get; } = userAgent;

    /// <summary>When the client last sent a message.</summary>
    public DateTimeOffset LastActiveAt => new(Interlocked.Read(ref lastActiveTicks), TimeSpan.Zero);

    /// <summary>Why the gateway closed the connection, or null when it did not.</summary>
    public CloseCause? CloseCause => Volatile.Read(ref closeCause);

    /// <summary>Records client activity (resets nothing by itself; the pump owns the idle timer).</summary>
    public void MarkActive(DateTimeOffset now) => Interlocked.Exchange(ref lastActiveTicks, now.UtcTicks);

    /// <summary>Sends one whole message. False when the socket is no longer open.</summary>
    public async Task<bool> SendAsync(ReadOnlyMemory<byte> data, WebSocketMessageType type, CancellationToken cancellationToken = default)
    {
        await sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State != WebSocketState.Open || CloseCause is not null)
            {
                return false;
            }

            await socket.SendAsync(data, type, endOfMessage: true, cancellationToken);
            return true;
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException)
        {
            return false;
        }
        finally
        {
            sendLock.Release();
        }
    }

    /// <summary>
    /// Starts the close handshake for <paramref name="cause"/>; the first cause wins. The receive loop sees the
    /// client's answer and reports <c>$disconnect</c>; a client that never answers is aborted.
    /// </summary>
    public async Task CloseAsync(CloseCause cause, CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref closeCause, cause, null) is not null)
        {
            return;
        }

        await sendLock.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                await socket.CloseOutputAsync(cause.Status, cause.Reason, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            socket.Abort();
            return;
        }
        finally
        {
            sendLock.Release();
        }

        _ = AbortUnlessClosedAsync();
    }

    /// <summary>Answers the client's close frame with the same code, completing its handshake.</summary>
    internal async Task AcknowledgeCloseAsync()
    {
        await sendLock.WaitAsync();
        try
        {
            if (socket.State == WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(CloseHandshakeTimeout);
                await socket.CloseOutputAsync(socket.CloseStatus ?? WebSocketCloseStatus.NormalClosure, socket.CloseStatusDescription, timeout.Token);
            }
        }
        catch (Exception exception) when (exception is WebSocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            socket.Abort();
        }
        finally
        {
            sendLock.Release();
        }
    }

    private async Task AbortUnlessClosedAsync()
    {
        try
        {
            await Task.Delay(CloseHandshakeTimeout);
        }
        finally
        {
            if (socket.State != WebSocketState.Closed)
            {
                socket.Abort();
            }
        }
    }
}

/// <summary>Why and how the gateway closed a connection; reported in <c>$disconnect</c>.</summary>
/// <param name="Status">The close code sent to the client.</param>
/// <param name="Reason">The close reason sent to the client.</param>
internal sealed record CloseCause(WebSocketCloseStatus Status, string Reason)
{
    /// <summary>DeleteConnection: a normal close.</summary>
    public static CloseCause Deleted { get; } = new(WebSocketCloseStatus.NormalClosure, "");

    /// <summary>The idle timeout or the maximum duration passed.</summary>
    public static CloseCause GoingAway { get; } = new(WebSocketCloseStatus.EndpointUnavailable, "Going away");

    /// <summary>A frame or message over its quota.</summary>
    public static CloseCause TooBig { get; } = new(WebSocketCloseStatus.MessageTooBig, "Message too big");

    /// <summary>The gateway is stopping.</summary>
    public static CloseCause ShuttingDown { get; } = new(WebSocketCloseStatus.EndpointUnavailable, "Going away");
}
