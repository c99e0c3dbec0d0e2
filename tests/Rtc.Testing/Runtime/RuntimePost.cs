namespace Rtc.Testing.Runtime;

/// <summary>One POST the function made to the fake Runtime API.</summary>
/// <param name="Path">E.g. <c>/2018-06-01/runtime/invocation/req-1/response</c>.</param>
/// <param name="Body">The posted text.</param>
/// <param name="ErrorType">The <c>Lambda-Runtime-Function-Error-Type</c> header, if any.</param>
/// <param name="ReceivedAt">When it had fully arrived (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>), so a
/// measurement ends when the answer reached the Runtime API, not when the test got round to reading it.</param>
/// <param name="EventHandedOutAt">When the event it answers was handed out on <c>next</c>; null for an init error.</param>
public sealed record RuntimePost(string Path, string Body, string? ErrorType, long ReceivedAt, long? EventHandedOutAt)
{
    /// <summary>Whether it is an invocation's response (not an error).</summary>
    public bool IsResponse => Path.EndsWith("/response", StringComparison.Ordinal);
}
