using System.Text.Json.Serialization;

namespace Rtc.Functions.Contracts;

/// <summary>
/// The Lambda proxy event API Gateway sends for every WebSocket route (<c>$connect</c>, <c>$disconnect</c>,
/// <c>$default</c> and custom routes). Fields a route does not carry are null.
/// </summary>
public sealed class WebSocketRequest
{
    /// <summary>Request headers (<c>$connect</c>, and a few on <c>$disconnect</c>).</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Request headers with every value.</summary>
    [JsonPropertyName("multiValueHeaders")]
    public Dictionary<string, string[]>? MultiValueHeaders { get; init; }

    /// <summary>Query parameters; only present when the URL had a query string.</summary>
    [JsonPropertyName("queryStringParameters")]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    /// <summary>Query parameters with every value.</summary>
    [JsonPropertyName("multiValueQueryStringParameters")]
    public Dictionary<string, string[]>? MultiValueQueryStringParameters { get; init; }

    /// <summary>Stage variables, when the stage defines any.</summary>
    [JsonPropertyName("stageVariables")]
    public Dictionary<string, string>? StageVariables { get; init; }

    /// <summary>Who, where and which route.</summary>
    [JsonPropertyName("requestContext")]
    public WebSocketRequestContext RequestContext { get; init; } = new();

    /// <summary>The frame's text, for message routes.</summary>
    [JsonPropertyName("body")]
    public string? Body { get; init; }

    /// <summary>Whether <see cref="Body"/> is base64 (binary frames).</summary>
    [JsonPropertyName("isBase64Encoded")]
    public bool IsBase64Encoded { get; init; }
}
