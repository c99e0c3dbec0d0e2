namespace Rtc.Functions.Runtime;

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
