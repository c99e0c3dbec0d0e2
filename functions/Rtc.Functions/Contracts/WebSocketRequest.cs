using System.Text.Json.Serialization;

namespace Rtc.Functions.Contracts;

/// <summary>
/// The Lambda proxy event API Gateway sends for every WebSocket route (<c>$connect</c>, <c>$disconnect</c>,
/// <c>$default</c> and custom routes). Fields a route does not carry are null.
/// </summary>
public sealed class WebSocketRequest : ApiGatewayRequest
{
    /// <summary>The frame's text, for message routes.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64 (binary frames).</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
