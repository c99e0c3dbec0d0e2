using System.Text.Json.Serialization;

namespace Rtc.Contracts;

/// <summary>
/// A Lambda proxy integration response. On <c>$connect</c> a non-2xx <see cref="StatusCode"/> refuses the
/// handshake and <see cref="Headers"/> reach the handshake response; on message routes the body is only sent
/// back when a route response is configured (this project configures none).
/// </summary>
public sealed class WebSocketResponse
{
    [JsonPropertyName("statusCode")]
    public int StatusCode { get; init; }

    /// <summary>Response headers, e.g. <c>Sec-WebSocket-Protocol</c> on <c>$connect</c>.</summary>
    [JsonPropertyName("headers")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("body")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; init; }

    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
