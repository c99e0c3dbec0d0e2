namespace Rtc.Functions.Routing;

/// <summary>
/// The WebSocket API's routes, defined once: the stack deploys exactly these and the local gateway routes over
/// exactly these. Every route is integrated with the connections function.
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

    /// <summary>Client heartbeat: answered with <c>{"type":"pong"}</c>.</summary>
    public const string Ping = "ping";

    /// <summary>Every route, in deployment order.</summary>
    public static readonly IReadOnlyList<string> All = [Connect, Disconnect, Default, Ping];

    /// <summary>API Gateway's <c>eventType</c> for a route key.</summary>
    public static string EventTypeOf(string routeKey) => routeKey switch
    {
        Connect => "CONNECT",
        Disconnect => "DISCONNECT",
        _ => "MESSAGE",
    };
}
