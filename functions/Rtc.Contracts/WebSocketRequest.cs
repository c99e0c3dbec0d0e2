using System.Text.Json.Serialization;

namespace Rtc.Contracts;

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

/// <summary>
/// Source-generated JSON for API Gateway's WebSocket contracts. Unknown fields are ignored and nulls accepted,
/// because API Gateway adds fields over time.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = false,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Disallow,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(WebSocketRequest))]
[JsonSerializable(typeof(WebSocketResponse))]
public sealed partial class ContractsJsonContext : JsonSerializerContext;
