using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rtc.Contracts;

/// <summary>The <c>requestContext</c> of a WebSocket proxy event.</summary>
public sealed class WebSocketRequestContext
{
    /// <summary>The route that matched: <c>$connect</c>, <c>$disconnect</c>, <c>$default</c> or a custom key.</summary>
    [JsonPropertyName("routeKey")]
    public string? RouteKey { get; init; }

    /// <summary><c>CONNECT</c>, <c>DISCONNECT</c> or <c>MESSAGE</c>.</summary>
    [JsonPropertyName("eventType")]
    public string? EventType { get; init; }

    /// <summary>The connection's id (base64-like, ends in <c>=</c>).</summary>
    [JsonPropertyName("connectionId")]
    public string? ConnectionId { get; init; }

    /// <summary>The API's domain name, <c>{apiId}.execute-api.{region}.amazonaws.com</c> or a custom domain.</summary>
    [JsonPropertyName("domainName")]
    public string? DomainName { get; init; }

    [JsonPropertyName("stage")]
    public string? Stage { get; init; }

    [JsonPropertyName("apiId")]
    public string? ApiId { get; init; }

    /// <summary>When the connection was opened, epoch milliseconds.</summary>
    [JsonPropertyName("connectedAt")]
    public long ConnectedAt { get; init; }

    /// <summary>When this request arrived, epoch milliseconds.</summary>
    [JsonPropertyName("requestTimeEpoch")]
    public long RequestTimeEpoch { get; init; }

    /// <summary>When this request arrived, e.g. <c>13/Dec/2020:10:17:47 +0000</c>.</summary>
    [JsonPropertyName("requestTime")]
    public string? RequestTime { get; init; }

    [JsonPropertyName("requestId")]
    public string? RequestId { get; init; }

    [JsonPropertyName("extendedRequestId")]
    public string? ExtendedRequestId { get; init; }

    /// <summary>Always <c>IN</c> for events a function receives.</summary>
    [JsonPropertyName("messageDirection")]
    public string? MessageDirection { get; init; }

    /// <summary>The message id; null except for <c>MESSAGE</c> events.</summary>
    [JsonPropertyName("messageId")]
    public string? MessageId { get; init; }

    /// <summary>The caller's address and user agent.</summary>
    [JsonPropertyName("identity")]
    public WebSocketIdentity? Identity { get; init; }

    /// <summary>
    /// Only when <c>$connect</c> has an authorizer: <c>principalId</c> plus the context map it returned
    /// (and <c>integrationLatency</c>), all at one level.
    /// </summary>
    [JsonPropertyName("authorizer")]
    public Dictionary<string, JsonElement>? Authorizer { get; init; }

    /// <summary>The close code, on <c>DISCONNECT</c> events (e.g. 1001).</summary>
    [JsonPropertyName("disconnectStatusCode")]
    public int? DisconnectStatusCode { get; init; }

    /// <summary>The close reason, on <c>DISCONNECT</c> events (often empty).</summary>
    [JsonPropertyName("disconnectReason")]
    public string? DisconnectReason { get; init; }

    /// <summary>The authorizer's <c>principalId</c>, when an authorizer ran and returned a string.</summary>
    [JsonIgnore]
    public string? AuthorizerPrincipalId =>
        Authorizer is not null && Authorizer.TryGetValue("principalId", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}

/// <summary>
/// <c>requestContext.identity</c>. WebSocket APIs fill only <see cref="SourceIp"/> and <see cref="UserAgent"/>;
/// the other fields API Gateway sends (<c>accountId</c>, <c>caller</c>, <c>cognito*</c>, ...) are always null and
/// are not modelled.
/// </summary>
public sealed class WebSocketIdentity
{
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}
