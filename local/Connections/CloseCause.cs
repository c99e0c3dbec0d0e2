using System.Net.WebSockets;

namespace Rtc.Local.Connections;

/// <summary>Why and how the gateway closed a connection; reported in <c>$disconnect</c>.</summary>
/// <param name="Status">The close code sent to the client.</param>
/// <param name="Reason">The close reason sent to the client.</param>
public sealed record CloseCause(WebSocketCloseStatus Status, string Reason)
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
