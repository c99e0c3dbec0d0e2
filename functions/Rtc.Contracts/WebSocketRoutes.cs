namespace Rtc.Contracts;

/// <summary>
/// The WebSocket API's routes, defined once: the stack deploys exactly these and the local gateway routes over
/// exactly these. Every route but <see cref="Ping"/> is integrated with the connections function; API Gateway
/// answers <see cref="Ping"/> itself.
/// </summary>
public static class WebSocketRoutes
{
    /// <summary>API Gateway's route selection expression: the JSON body's <c>action</c> names the route.</summary>
    public const string RouteSelectionExpression = "$request.body.action";

    /// <summary>Opening handshake.</summary>
    public const string Connect = "$connect";

    /// <summary>Connection closed (best effort).</summary>
    public const string Disconnect = "$disconnect";

    /// <summary>Any message whose action names no other route.</summary>
    public const string Default = "$default";

    /// <summary>
    /// Client heartbeat, answered with <see cref="ClientFrames.Pong"/> by a MOCK integration: every client pings every few
    /// minutes, and no function runs for it.
    /// </summary>
    public const string Ping = "ping";

    /// <summary>
    /// A reconnecting client's <c>{"action":"resume","epoch":"E","after":41}</c>: answered with what it missed
    /// (<c>replay</c>), a <c>reset</c> or its <c>position</c> (docs/history.md).
    /// </summary>
    public const string Resume = "resume";

    /// <summary>The routes integrated with the connections function, in deployment order.</summary>
    public static readonly IReadOnlyList<string> FunctionRoutes = [Connect, Disconnect, Default, Resume];

    /// <summary>Every route, in deployment order.</summary>
    public static readonly IReadOnlyList<string> All = [.. FunctionRoutes, Ping];

    /// <summary>API Gateway's <c>eventType</c> for a route key.</summary>
    public static string EventTypeOf(string routeKey) => routeKey switch
    {
        Connect => "CONNECT",
        Disconnect => "DISCONNECT",
        _ => "MESSAGE",
    };
}
