using System.Text.Json.Serialization;

namespace Rtc.Local.Json;

/// <summary>Lambda's body for a function error: <c>{"errorMessage","errorType"}</c>.</summary>
/// <param name="ErrorMessage">What went wrong.</param>
/// <param name="ErrorType">The error's type, e.g. <c>InvalidPublishRequest</c>.</param>
public sealed record FunctionError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType);
