using System.Text.Json.Serialization;

namespace Rtc.Functions.Authorization;

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
