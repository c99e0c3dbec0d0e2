using System.Globalization;
using Rtc.Contracts;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>The <c>$connect</c> and <c>$disconnect</c> events API Gateway sends the connections function, in its shape.</summary>
internal static class ConnectionEvents
{
    private const string DomainName = "bench0api.execute-api.us-east-1.amazonaws.com";

    /// <summary>A browser opening <c>wss://.../bench?user_id=...</c> with the <c>rtc</c> subprotocol.</summary>
    public static string Connect(string connectionId, string userId)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Host"] = DomainName,
            [Handshake.SubprotocolHeader] = Handshake.Subprotocol,
            ["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ==",
            ["Sec-WebSocket-Version"] = "13",
            ["User-Agent"] = "rtc-benchmark",
            ["X-Forwarded-For"] = "192.0.2.10",
        };
        var query = new Dictionary<string, string>(StringComparer.Ordinal) { [Handshake.UserIdQueryParameter] = userId };
        return Serialize(new WebSocketRequest
        {
            Headers = headers,
            MultiValueHeaders = headers.ToDictionary(pair => pair.Key, pair => new[] { pair.Value }, StringComparer.Ordinal),
            QueryStringParameters = query,
            MultiValueQueryStringParameters = query.ToDictionary(pair => pair.Key, pair => new[] { pair.Value }, StringComparer.Ordinal),
            RequestContext = Context(WebSocketRoutes.Connect, connectionId),
        });
    }

    /// <summary>The client closing with 1000.</summary>
    public static string Disconnect(string connectionId) => Serialize(new WebSocketRequest
    {
        RequestContext = Context(WebSocketRoutes.Disconnect, connectionId, disconnectStatusCode: 1000),
    });

    private static WebSocketRequestContext Context(string routeKey, string connectionId, int? disconnectStatusCode = null)
    {
        var now = DateTimeOffset.UtcNow;
        return new WebSocketRequestContext
        {
            RouteKey = routeKey,
            EventType = WebSocketRoutes.EventTypeOf(routeKey),
            ConnectionId = connectionId,
            DomainName = DomainName,
            Stage = "bench",
            ApiId = "bench0api",
            ConnectedAt = now.ToUnixTimeMilliseconds(),
            RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
            RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            RequestId = Guid.NewGuid().ToString("N"),
            MessageDirection = "IN",
            Identity = new WebSocketIdentity { SourceIp = "192.0.2.10", UserAgent = "rtc-benchmark" },
            DisconnectStatusCode = disconnectStatusCode,
            DisconnectReason = disconnectStatusCode is null ? null : "",
        };
    }

    private static string Serialize(WebSocketRequest request) => JsonOutput.Serialize(request, ContractsJsonContext.Default.WebSocketRequest);
}
