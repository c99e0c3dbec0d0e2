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
    string? TraceId = null)
{
    // Lambda's deadlines are at most 15 minutes away. A timer cannot hold more than about 49 days, so a deadline
    // further off than this (or none, MaxValue) is treated as no deadline rather than crashing the timer.
    private static readonly TimeSpan FurthestDeadline = TimeSpan.FromDays(1);

    /// <summary>A source that cancels <paramref name="reserve"/> before <see cref="Deadline"/> (at once when that has passed), or never when there is no plausible deadline.</summary>
    public CancellationTokenSource CancelBeforeDeadline(TimeSpan reserve, TimeProvider clock)
    {
        var remaining = Deadline - clock.GetUtcNow();
        return remaining > FurthestDeadline
            ? new CancellationTokenSource()
            : new CancellationTokenSource(remaining > reserve ? remaining - reserve : TimeSpan.Zero, clock);
    }
}

/// <summary>
/// An invocation error with a type callers can branch on (Lambda's <c>errorType</c>), such as
/// <c>InvalidPublishRequest</c>. The runtime loop reports it as the invocation's error.
/// </summary>
public sealed class InvocationException(string errorType, string message) : Exception(message)
{
    /// <summary>The error type reported to Lambda (<c>errorType</c>, <c>Lambda-Runtime-Function-Error-Type</c>).</summary>
    public string ErrorType { get; } = errorType;
}
