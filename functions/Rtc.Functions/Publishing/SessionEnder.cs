using System.Text.Json.Serialization;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Publishing;

/// <summary>
/// Ends sessions for a disconnect request: each connection gets a <c>session_ended</c> frame, then is closed with
/// <c>DELETE @connections/{id}</c>, then its row is deleted. Both calls follow <see cref="PostRetrier"/>'s rule, and
/// a 410 for a connection that may still be opening is retried (<see cref="GoneJudge"/>), not taken as gone.
/// </summary>
internal sealed class SessionEnder(
    IConnectionStore store,
    IManagementApi management,
    PublisherOptions options,
    PostRetrier retrier,
    TimeProvider clock,
    FunctionLogger logger)
{
    // The frame goes out as a publish's message does (bounded concurrency, retries, the opening-connection rule).
    private readonly MessageFanOut fanOut = new(store, management, options, retrier, clock, logger);

    /// <summary>
    /// Ends every listed connection; each is counted exactly once: delivered (told and closed), gone or failed. A
    /// connection whose frame could not be posted is not closed: its row stays and the caller may send the request
    /// again.
    /// </summary>
    public Task<FanOutTally> EndAsync(IReadOnlyList<DeliveryTarget> targets, DateTimeOffset stopAt, CancellationToken stop) =>
        fanOut.DeliverAsync(targets, stopAt, stop, (target, tally) => CloseAsync(target, tally, stopAt, stop));

    // The frame reached the client; now close. A 410 here means it closed meanwhile (it had finished opening).
    private async Task CloseAsync(DeliveryTarget target, FanOutTally tally, DateTimeOffset stopAt, CancellationToken stop)
    {
        var delete = await retrier.SendAsync(token => management.DeleteConnectionAsync(target.ConnectionId, token), stopAt, null, stop);
        tally.CountRetries(delete.Retries);
        if (delete.Delivered || (!delete.Stopped && delete.Last!.Outcome == ManagementOutcome.Gone))
        {
            await store.ForgetAsync(target.ConnectionId, logger);
            tally.CountDelivered();
        }
        else
        {
            tally.CountFailed(target, delete.Last?.StatusCode,
                delete.Stopped ? MessageFanOut.DeadlineExceeded : delete.Last!.ErrorType ?? delete.Last.Outcome.ToString());
        }
    }
}

/// <summary>
/// What one disconnect came to: <c>{"users","closed","gone","failed":[...]}</c>; every connection found is counted
/// once.
/// </summary>
/// <param name="Users">Distinct users named.</param>
/// <param name="Closed">Connections sent <c>session_ended</c> and then closed; their rows were deleted.</param>
/// <param name="Gone">Connections already closed (410 on the frame, row old enough); their rows were deleted.</param>
/// <param name="Failed">Connections not ended (the frame or the close failed, or the deadline came); rows kept.</param>
public sealed record DisconnectResult(int Users, int Closed, int Gone, IReadOnlyList<FailedDelivery> Failed);

/// <summary>Source-generated JSON for the disconnect result.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DisconnectResult))]
public sealed partial class DisconnectJsonContext : JsonSerializerContext;
