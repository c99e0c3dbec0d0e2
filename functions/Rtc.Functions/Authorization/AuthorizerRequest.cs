using System.Text.Json.Serialization;
using Rtc.Functions.Contracts;

namespace Rtc.Functions.Authorization;

/// <summary>
/// API Gateway's Lambda REQUEST authorizer event for a WebSocket API's <c>$connect</c> route. It carries the
/// handshake's headers and query string, like the <c>$connect</c> proxy event, plus <see cref="MethodArn"/>.
/// </summary>
public sealed class AuthorizerRequest
{
    /// <summary>Always <c>REQUEST</c> for a REQUEST authorizer.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    /// <summary>The route being authorised: <c>arn:aws:execute-api:{region}:{account}:{apiId}/{stage}/$connect</c>.</summary>
    [JsonPropertyName("methodArn")]
    public string? MethodArn { get; init; }

    /// <summary>Handshake headers, in the casing the client sent.</summary>
    [JsonPropertyName("headers")]
    public Dictionary<string, string>? Headers { get; init; }

    /// <summary>Handshake headers with every value.</summary>
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

    /// <summary>The same request context a <c>$connect</c> proxy event carries.</summary>
    [JsonPropertyName("requestContext")]
    public WebSocketRequestContext RequestContext { get; init; } = new();
}
