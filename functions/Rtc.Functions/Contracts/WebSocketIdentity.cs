using System.Text.Json.Serialization;

namespace Rtc.Functions.Contracts;

/// <summary>
/// <c>requestContext.identity</c>. WebSocket APIs fill only <see cref="SourceIp"/> and <see cref="UserAgent"/>;
/// the other fields API Gateway sends (<c>accountId</c>, <c>caller</c>, <c>cognito*</c>, ...) are always null and
/// are not modelled.
/// </summary>
public sealed class WebSocketIdentity
{
    /// <summary>The client's IP address.</summary>
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    /// <summary>The client's <c>User-Agent</c>.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }
}
