using System.Text.Json.Serialization;

namespace Rtc.Local.Lambda;

/// <summary>Lambda's body for a service error (not the function's): <c>{"Type","message"}</c>.</summary>
/// <param name="Type"><c>User</c> for the caller's mistakes.</param>
/// <param name="Message">What went wrong.</param>
internal sealed record LambdaServiceError(
    [property: JsonPropertyName("Type")] string Type,
    [property: JsonPropertyName("message")] string Message);
