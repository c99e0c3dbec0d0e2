using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Storage;

/// <summary>
/// The one rule for a connection the management API answered 410 GoneException: it is closed for good, so its row
/// goes, and no later publish posts to it. The connections function's replies and the publisher's fan-out both
/// follow it.
/// </summary>
public static class GoneConnections
{
    /// <summary>
    /// Deletes the row of <paramref name="connectionId"/>. Best effort, and it never throws: the message was already
    /// answered, so a row that cannot be deleted now is logged and left to the table's TTL
    /// (<see cref="ConnectionTableSchema.RowLifetime"/>). Not bound to the caller's deadline, because a cleanup cut
    /// short by it would leave rows behind for no gain.
    /// </summary>
    public static async Task ForgetAsync(this IConnectionStore store, string connectionId, FunctionLogger logger)
    {
        try
        {
            await store.RemoveAsync(connectionId, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.Write(LogSeverity.Warn, "gone connection not removed", ("connectionId", connectionId), ("errorType", exception.GetType().Name));
        }
    }
}
