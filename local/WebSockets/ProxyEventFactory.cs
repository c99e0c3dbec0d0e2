using System.Globalization;
using System.Security.Cryptography;
using Rtc.Contracts;
using Rtc.Local.Connections;

namespace Rtc.Local.WebSockets;

/// <summary>Builds the Lambda proxy events API Gateway sends for <c>$connect</c>, message routes and <c>$disconnect</c>.</summary>
internal sealed class ProxyEventFactory(string stage, string apiId, TimeProvider clock)
{
    // Headers that belong to the hop, not the request: API Gateway does not pass them to the integration.
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Upgrade" };

    /// <summary>The facts of a connection being opened by <paramref name="http"/> (no authorizer context yet).</summary>
    public ConnectionFacts FactsOf(HttpContext http) => new(
        ApiGatewayIds.Next(),
        clock.GetUtcNow(),
        http.Request.Host.Value ?? "127.0.0.1",
        http.Connection.RemoteIpAddress?.ToString(),
        http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
        Authorizer: null);

    /// <summary>The <c>$connect</c> event: headers, query parameters (only when present) and the request context.</summary>
    public WebSocketRequest Connect(HttpContext http, ConnectionFacts facts)
    {
        var multiValueHeaders = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (name, values) in http.Request.Headers)
        {
            if (!HopHeaders.Contains(name))
            {
                multiValueHeaders[name] = values.Select(value => value ?? "").ToArray();
            }
        }

        var localPort = http.Connection.LocalPort.ToString(CultureInfo.InvariantCulture);
        multiValueHeaders["X-Amzn-Trace-Id"] = [TraceId()];
        multiValueHeaders["X-Forwarded-For"] = [facts.SourceIp ?? ""];
        multiValueHeaders["X-Forwarded-Port"] = [localPort];
        multiValueHeaders["X-Forwarded-Proto"] = [http.Request.Scheme];

        var query = http.Request.Query;
        return new WebSocketRequest
        {
            Headers = multiValueHeaders.ToDictionary(pair => pair.Key, pair => pair.Value.LastOrDefault() ?? "", StringComparer.Ordinal),
            MultiValueHeaders = multiValueHeaders,
            QueryStringParameters = query.Count == 0 ? null : query.ToDictionary(pair => pair.Key, pair => pair.Value.LastOrDefault() ?? "", StringComparer.Ordinal),
            MultiValueQueryStringParameters = query.Count == 0 ? null : query.ToDictionary(pair => pair.Key, pair => pair.Value.Select(value => value ?? "").ToArray(), StringComparer.Ordinal),
            RequestContext = Context(facts, WebSocketRoutes.Connect),
        };
    }

    /// <summary>A message event for <paramref name="routeKey"/>: no headers, the frame's text (or base64 for binary).</summary>
    public WebSocketRequest Message(ConnectionFacts facts, string routeKey, string body, bool isBase64Encoded) => new()
    {
        RequestContext = Context(facts, routeKey, messageId: ApiGatewayIds.Next()),
        Body = body,
        IsBase64Encoded = isBase64Encoded,
    };

    /// <summary>The <c>$disconnect</c> event with the close code and reason, and the few headers API Gateway sends.</summary>
    public WebSocketRequest Disconnect(ConnectionFacts facts, int statusCode, string reason)
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Host"] = facts.DomainName,
            ["x-api-key"] = "",
            ["X-Forwarded-For"] = "",
            ["x-restapi"] = "",
        };
        return new WebSocketRequest
        {
            Headers = headers,
            MultiValueHeaders = headers.ToDictionary(pair => pair.Key, pair => new[] { pair.Value }, StringComparer.Ordinal),
            RequestContext = Context(facts, WebSocketRoutes.Disconnect, disconnectStatusCode: statusCode, disconnectReason: reason),
        };
    }

    private WebSocketRequestContext Context(
        ConnectionFacts facts, string routeKey, string? messageId = null, int? disconnectStatusCode = null, string? disconnectReason = null)
    {
        // The handshake is the request that opens the connection: both carry the same instant.
        var now = routeKey == WebSocketRoutes.Connect ? facts.ConnectedAt : clock.GetUtcNow();
        return new WebSocketRequestContext
        {
            RouteKey = routeKey,
            EventType = WebSocketRoutes.EventTypeOf(routeKey),
            ConnectionId = facts.ConnectionId,
            DomainName = facts.DomainName,
            Stage = stage,
            ApiId = apiId,
            ConnectedAt = facts.ConnectedAt.ToUnixTimeMilliseconds(),
            RequestTimeEpoch = now.ToUnixTimeMilliseconds(),
            RequestTime = now.ToString("dd/MMM/yyyy:HH:mm:ss +0000", CultureInfo.InvariantCulture),
            RequestId = ApiGatewayIds.Next(),
            ExtendedRequestId = ApiGatewayIds.Next(),
            MessageDirection = "IN",
            MessageId = messageId,
            Identity = new WebSocketIdentity { SourceIp = facts.SourceIp, UserAgent = facts.UserAgent },
            Authorizer = facts.Authorizer,
            DisconnectStatusCode = disconnectStatusCode,
            DisconnectReason = disconnectReason,
        };
    }

    // X-Ray's format: Root=1-{epoch seconds, hex}-{96 random bits, hex}.
    private string TraceId() =>
        $"Root=1-{clock.GetUtcNow().ToUnixTimeSeconds():x8}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";
}
