namespace Rtc.Functions.Publishing;

/// <summary>A connection the message did not reach.</summary>
/// <param name="ConnectionId">The connection.</param>
/// <param name="UserId">Its user.</param>
/// <param name="Status">The last HTTP status from the management API, or null when none arrived (timeout, deadline).</param>
/// <param name="Error">The last <c>x-amzn-ErrorType</c> or a local reason such as <c>Timeout</c> or <c>DeadlineExceeded</c>.</param>
public sealed record FailedDelivery(string ConnectionId, string UserId, int? Status, string Error);
