namespace Rtc.Local.Hosting;

/// <summary>What one in-process function invocation came to: a response, or Lambda's error pair.</summary>
/// <param name="Response">The handler's JSON response; null on error.</param>
/// <param name="ErrorType">Lambda's <c>errorType</c>; null on success.</param>
/// <param name="ErrorMessage">Lambda's <c>errorMessage</c>; null on success.</param>
internal sealed record InvocationOutcome(string? Response, string? ErrorType = null, string? ErrorMessage = null)
{
    public bool Succeeded => ErrorType is null;
}
