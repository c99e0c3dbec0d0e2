using System.Text.Json.Serialization;

namespace Rtc.Functions.Runtime;

/// <summary>
/// The error body the Runtime API takes on <c>/error</c> and <c>/init/error</c>. The stack trace stays empty:
/// it would reach whoever reads the invocation's result, and the log line already says what failed.
/// </summary>
public sealed record RuntimeError(
    [property: JsonPropertyName("errorMessage")] string ErrorMessage,
    [property: JsonPropertyName("errorType")] string ErrorType)
{
    /// <summary>Always empty; present because the Runtime API's schema has it.</summary>
    [JsonPropertyName("stackTrace")]
    public IReadOnlyList<string> StackTrace { get; init; } = [];

    /// <summary>
    /// The error for <paramref name="exception"/>: an <see cref="InvocationException"/> keeps its
    /// <see cref="InvocationException.ErrorType"/>, anything else is named by its exception type.
    /// </summary>
    public static RuntimeError From(Exception exception) => new(
        exception.Message,
        exception is InvocationException invocation ? invocation.ErrorType : exception.GetType().Name);
}

/// <summary>Source-generated JSON for what the loop posts to the Runtime API.</summary>
[JsonSerializable(typeof(RuntimeError))]
public sealed partial class RuntimeJsonContext : JsonSerializerContext;
