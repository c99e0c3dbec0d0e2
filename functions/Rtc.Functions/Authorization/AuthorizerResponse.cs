using System.Text.Json.Serialization;

namespace Rtc.Functions.Authorization;

/// <summary>
/// A Lambda authorizer's answer: who the caller is, an IAM policy on the route, and a context map that API
/// Gateway passes to the <c>$connect</c> integration as <c>requestContext.authorizer</c>, next to <c>principalId</c>.
/// </summary>
public sealed class AuthorizerResponse
{
    /// <summary>The key of the verified user id in <see cref="Context"/>.</summary>
    public const string UserIdContextKey = "userId";

    // Denying everything is the safe resource when the event names none.
    private const string AnyResource = "*";

    /// <summary>The caller's identity: the verified user id, or <see cref="AuthorizerHandler.AnonymousPrincipal"/> when a token was refused.</summary>
    [JsonPropertyName("principalId")]
    public required string PrincipalId { get; init; }

    /// <summary>Allows or denies <c>execute-api:Invoke</c> on the route.</summary>
    [JsonPropertyName("policyDocument")]
    public required PolicyDocument PolicyDocument { get; init; }

    /// <summary>String values passed to the integration; <see cref="UserIdContextKey"/> holds the user id.</summary>
    [JsonPropertyName("context")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Dictionary<string, string>? Context { get; init; }

    /// <summary>
    /// Allow (or Deny) <c>execute-api:Invoke</c> on <paramref name="methodArn"/> alone, for <paramref name="principalId"/>;
    /// an Allow puts it, the verified user id, in the context the <c>$connect</c> integration receives.
    /// </summary>
    public static AuthorizerResponse For(string principalId, string? methodArn, bool allow) => new()
    {
        PrincipalId = principalId,
        PolicyDocument = new PolicyDocument
        {
            Statement =
            [
                new PolicyStatement
                {
                    Effect = allow ? PolicyStatement.Allow : PolicyStatement.Deny,
                    Resource = methodArn ?? AnyResource,
                },
            ],
        },
        Context = allow ? new Dictionary<string, string> { [UserIdContextKey] = principalId } : null,
    };
}

/// <summary>An IAM policy document as a Lambda authorizer returns it.</summary>
public sealed class PolicyDocument
{
    /// <summary>The IAM policy language version, always <c>2012-10-17</c>.</summary>
    [JsonPropertyName("Version")]
    public string Version { get; init; } = "2012-10-17";

    /// <summary>The statements; this authorizer returns exactly one.</summary>
    [JsonPropertyName("Statement")]
    public required IReadOnlyList<PolicyStatement> Statement { get; init; }
}

/// <summary>One IAM statement on an <c>execute-api</c> resource.</summary>
public sealed class PolicyStatement
{
    /// <summary>The action API Gateway checks for a route: <c>execute-api:Invoke</c>.</summary>
    public const string InvokeAction = "execute-api:Invoke";

    /// <summary>The effect that admits the connection.</summary>
    public const string Allow = "Allow";

    /// <summary>The effect that refuses it with 403.</summary>
    public const string Deny = "Deny";

    /// <summary>Always <see cref="InvokeAction"/>.</summary>
    [JsonPropertyName("Action")]
    public string Action { get; init; } = InvokeAction;

    /// <summary><see cref="Allow"/> or <see cref="Deny"/>.</summary>
    [JsonPropertyName("Effect")]
    public required string Effect { get; init; }

    /// <summary>The route's ARN, the event's <c>methodArn</c>.</summary>
    [JsonPropertyName("Resource")]
    public required string Resource { get; init; }
}

/// <summary>
/// Source-generated JSON for the authorizer's event and response. Unknown fields are skipped, because API
/// Gateway adds fields over time.
/// </summary>
[JsonSourceGenerationOptions(UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(AuthorizerRequest))]
[JsonSerializable(typeof(AuthorizerResponse))]
public sealed partial class AuthorizerJsonContext : JsonSerializerContext;
