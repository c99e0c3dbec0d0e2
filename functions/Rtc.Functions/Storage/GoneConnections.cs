using Rtc.Contracts;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Storage;

/// <summary>
/// The rules for a connection the management API answered 410 GoneException. A 410 means closed for good, so
/// the row goes and no later publish posts to it, except while the connection may still be opening: API Gateway
/// also answers 410 for a connection whose <c>$connect</c> has stored its row but whose handshake has not
/// completed yet, and deleting that row would leave the socket open but deaf to every later publish. The
/// connections function's replies and the publisher's fan-out both follow these rules.
/// </summary>
public static class GoneConnections
{
    /// <summary>
    /// How long after it began a connection may still be opening: API Gateway's integration timeout
    /// (<see cref="WebSocketQuotas.IntegrationTimeout"/>), after which a <c>$connect</c> that has not answered is
    /// refused. A 410 for a row at least this old means gone; for a younger row it may mean "not open yet".
    /// </summary>
    public static readonly TimeSpan OpeningWindow = WebSocketQuotas.IntegrationTimeout;

    public static bool MayStillBeOpening(DateTimeOffset connectedAt, DateTimeOffset now) => now - connectedAt < OpeningWindow;

    /// <summary>
    /// Deletes the row of <paramref name="connectionId"/>. Best effort, and it never throws: the message was already
    /// answered, so a row that cannot be deleted now is logged and left to the table's TTL
    /// (<see cref="ConnectionTableSchema.RowLifetime"/>). Not bound to the caller's deadline, because a cleanup cut
    /// short by it would leave rows behind for no gain. A reply to a message the connection sent may call this on
    /// any 410: a connection that sent something has finished opening.
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

/// <summary>
/// Judges the 410s of one post for a publisher, which may race a connection's handshake: a 410 for a row still in
/// its <see cref="GoneConnections.OpeningWindow"/> is retried (the post may succeed once the handshake completes);
/// a 410 for an older row, or for a row that is no longer there, means gone.
/// </summary>
public sealed class GoneJudge(IConnectionStore store, string connectionId, TimeProvider clock, FunctionLogger logger)
{
    /// <summary>
    /// The last 410 was for a connection that may still be opening (or whose row could not be read), so its row must
    /// stay. When the retries end on such a 410, the post failed; the connection is not gone.
    /// </summary>
    public bool MayStillBeOpening { get; private set; }

    /// <summary>Whether to retry <paramref name="result"/>: only a 410 for a connection that may still be opening.</summary>
    public async Task<bool> RetryGoneAsync(ManagementResult result, CancellationToken cancellationToken)
    {
        if (result.Outcome != ManagementOutcome.Gone)
        {
            return false;
        }

        try
        {
            // Read again on every 410: a $disconnect meanwhile removes the row, and then the 410 means gone.
            var connectedAt = await store.GetConnectedAtAsync(connectionId, cancellationToken);
            MayStillBeOpening = connectedAt is { } at && GoneConnections.MayStillBeOpening(at, clock.GetUtcNow());
            return MayStillBeOpening;
        }
        catch (Exception exception)
        {
            // Unknown age: keep the row (its TTL or a later publish settles it) and stop retrying.
            logger.Write(LogSeverity.Warn, "gone connection not judged", ("connectionId", connectionId), ("errorType", exception.GetType().Name));
            MayStillBeOpening = true;
            return false;
        }
    }
}
