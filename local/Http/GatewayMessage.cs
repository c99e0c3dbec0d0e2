using System.Text.Json.Serialization;

namespace Rtc.Local.Http;

/// <summary>
/// API Gateway's own JSON answers: <c>{"message"}</c> on refused requests, plus <c>connectionId</c> and
/// <c>requestId</c> when it tells a client its message's integration failed.
/// </summary>
/// <param name="Message">What happened, e.g. <c>Internal server error</c>.</param>
/// <param name="ConnectionId">The client's connection id (integration failures only).</param>
/// <param name="RequestId">The failed request's id (integration failures only).</param>
internal sealed record GatewayMessage(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("connectionId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ConnectionId = null,
    [property: JsonPropertyName("requestId"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RequestId = null);
