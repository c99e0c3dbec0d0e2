namespace Rtc.Functions.Management;

/// <summary>The typed result of one management API call.</summary>
/// <param name="Outcome">What the call came to.</param>
/// <param name="StatusCode">The HTTP status, or null when no response arrived (timeout, transport error).</param>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> header (without any <c>:</c> suffix), or a local description.</param>
public sealed record ManagementResult(ManagementOutcome Outcome, int? StatusCode = null, string? ErrorType = null)
{
    /// <summary>Whether the call is worth retrying (throttled or failed).</summary>
    public bool IsTransient => Outcome is ManagementOutcome.Throttled or ManagementOutcome.Failed;
}
