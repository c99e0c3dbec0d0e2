namespace Rtc.Contracts;

/// <summary>
/// API Gateway's fixed WebSocket API quotas, defined once: the functions post within them, the stack tells clients
/// about them, and the local gateway enforces them by default.
/// (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-execution-service-websocket-limits-table.html)
/// </summary>
public static class WebSocketQuotas
{
    /// <summary>
    /// The largest WebSocket message either way, a client's (reassembled from its frames) or a post to a
    /// connection (the PostToConnection body): 128 KB.
    /// </summary>
    public const int MaxMessageBytes = 128 * 1024;

    /// <summary>The largest single frame a client may send: 32 KB.</summary>
    public const int MaxClientFrameBytes = 32 * 1024;

    /// <summary>A connection that carries no message for this long is closed: 10 minutes.</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Every connection is closed after this long: 2 hours.</summary>
    public static readonly TimeSpan MaxConnectionDuration = TimeSpan.FromHours(2);
}
