namespace Rtc.Functions.Runtime;

/// <summary>
/// One Lambda function's logic: an event (JSON text, exactly as Lambda delivers it) in, a response (JSON text) out.
/// The Runtime API loop and the local gateway both drive handlers through this interface.
/// </summary>
public interface IInvocationHandler
{
    /// <summary>Handles one invocation. Throw <see cref="InvocationException"/> for an error with a named type.</summary>
    Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default);
}

/// <summary>What Lambda tells a handler about the invocation it is serving.</summary>
/// <param name="RequestId">The Lambda request id (header <c>Lambda-Runtime-Aws-Request-Id</c>).</param>
/// <param name="Deadline">When Lambda stops the invocation (header <c>Lambda-Runtime-Deadline-Ms</c>).</param>
/// <param name="InvokedFunctionArn">The ARN the caller invoked, if known.</param>
/// <param name="TraceId">The X-Ray trace header, if any.</param>
public sealed record InvocationContext(
    string RequestId,
    DateTimeOffset Deadline,
    string? InvokedFunctionArn = null,
    string? TraceId = null);

/// <summary>
/// An invocation error with a type callers can branch on (Lambda's <c>errorType</c>), such as
/// <c>InvalidPublishRequest</c>. The runtime loop reports it as the invocation's error.
/// </summary>
public sealed class InvocationException(string errorType, string message) : Exception(message)
{
    /// <summary>The error type reported to Lambda (<c>errorType</c>, <c>Lambda-Runtime-Function-Error-Type</c>).</summary>
    public string ErrorType { get; } = errorType;
}
