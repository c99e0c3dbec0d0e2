using System.Text.Json.Serialization;

namespace Rtc.Functions.Contracts;

/// <summary>
/// <c>requestContext.identity</c>. WebSocket APIs fill only <see cref="SourceIp"/> and <see cref="UserAgent"/>;
/// the other fields are present and null, as API Gateway sends them.
/// </summary>
public sealed class WebSocketIdentity
{
    /// <summary>The client's IP address.</summary>
    [JsonPropertyName("sourceIp")]
    public string? SourceIp { get; init; }

    /// <summary>The client's <c>User-Agent</c>.</summary>
    [JsonPropertyName("userAgent")]
    public string? UserAgent { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("accountId")]
    public string? AccountId { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("accessKey")]
    public string? AccessKey { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("caller")]
    public string? Caller { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("cognitoAuthenticationProvider")]
    public string? CognitoAuthenticationProvider { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("cognitoAuthenticationType")]
    public string? CognitoAuthenticationType { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("cognitoIdentityId")]
    public string? CognitoIdentityId { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("cognitoIdentityPoolId")]
    public string? CognitoIdentityPoolId { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("principalOrgId")]
    public string? PrincipalOrgId { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("user")]
    public string? User { get; init; }

    /// <summary>Always null for WebSocket APIs.</summary>
    [JsonPropertyName("userArn")]
    public string? UserArn { get; init; }
}
