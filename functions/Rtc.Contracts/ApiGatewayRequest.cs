using System.Text.Json.Serialization;

namespace Rtc.Contracts;

/// <summary>
/// What every event API Gateway sends for a WebSocket API carries: the handshake's headers and query string
/// (on <c>$connect</c> and its authorizer) and the request context.
/// </summary>
public abstract class ApiGatewayRequest
{
    /// <summary>Request headers (<c>$connect</c> and its authorizer, and a few on <c>$disconnect</c>).</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    [JsonPropertyName("multiValueHeaders")]
    public Dictionary<string, string[]>? MultiValueHeaders { get; init; }

    /// <summary>Query parameters; only present when the URL had a query string.</summary>
    [JsonPropertyName("queryStringParameters")]
    public Dictionary<string, string>? QueryStringParameters { get; init; }

    [JsonPropertyName("multiValueQueryStringParameters")]
    public Dictionary<string, string[]>? MultiValueQueryStringParameters { get; init; }

    /// <summary>Who, where and which route.</summary>
    [JsonPropertyName("requestContext")]
    public WebSocketRequestContext RequestContext { get; init; } = new();

    /// <summary>
    /// The value of header <paramref name="name"/>, or null. Names match case-insensitively, as HTTP says, because
    /// API Gateway keeps the client's casing; a header sent several times reads as its values joined by commas.
    /// </summary>
    public string? Header(string name)
    {
        if (Headers?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value is { } single)
        {
            return single;
        }

        var multiple = MultiValueHeaders?.FirstOrDefault(header => string.Equals(header.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        return multiple is null ? null : string.Join(',', multiple);
    }
}
