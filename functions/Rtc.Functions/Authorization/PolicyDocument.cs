using System.Text.Json.Serialization;

namespace Rtc.Functions.Authorization;

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
