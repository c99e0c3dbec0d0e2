using System.Text.Json.Serialization;

namespace Rtc.Functions.Authorization;

/// <summary>
/// A Lambda authorizer's answer: who the caller is, an IAM policy on the route, and a context map that API
/// Gateway passes to the <c>$connect</c> integration as <c>requestContext.authorizer</c>.
/// </summary>
public sealed class AuthorizerResponse
{
    /// <summary>The caller's identity; here the user id.</summary>
    [JsonPropertyName("principalId")]
    public required string PrincipalId { get; init; }

    /// <summary>Allows or denies <c>execute-api:Invoke</c> on the route.</summary>
    [JsonPropertyName("policyDocument")]
    public required PolicyDocument PolicyDocument { get; init; }

    /// <summary>String values passed to the integration; <see cref="AuthorizerContextKeys.UserId"/> holds the user id.</summary>
    [JsonPropertyName("context")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Context { get; init; }
}
