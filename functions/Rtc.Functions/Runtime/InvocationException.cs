namespace Rtc.Functions.Runtime;

/// <summary>
/// An invocation error with a type callers can branch on (Lambda's <c>errorType</c>), such as
/// <c>InvalidPublishRequest</c>. The runtime loop reports it as the invocation's error.
/// </summary>
public sealed class InvocationException(string errorType, string message) : Exception(message)
{
    /// <summary>The error type reported to Lambda (<c>errorType</c>, <c>Lambda-Runtime-Function-Error-Type</c>).</summary>
    public string ErrorType { get; } = errorType;
}
