using System.Collections.Concurrent;
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
    /// <summary>Ends every listed connection; each is counted exactly once (closed, gone or failed).</summary>
    public async Task<DisconnectTally> EndAsync(IReadOnlyList<DeliveryTarget> targets, DateTimeOffset stopAt, CancellationToken stop)
    {
        var tally = new DisconnectTally();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency };

        // No token on the loop: a connection the deadline stops must still be counted as failed.
        await Parallel.ForEachAsync(targets, parallel, async (target, _) => await EndOneAsync(target, stopAt, tally, stop));
        return tally;
    }

    private async Task EndOneAsync(DeliveryTarget target, DateTimeOffset stopAt, DisconnectTally tally, CancellationToken stop)
    {
        var gone = new GoneJudge(store, target.ConnectionId, clock, logger);
        var post = await retrier.PostAsync(management, target.ConnectionId, target.Message, stopAt, gone.RetryGoneAsync, stop);
        tally.CountRetries(post.Retries);
        if (!post.Delivered)
        {
            await SettleUndeliveredAsync(target, post, gone, tally);
            return;
        }

        // The frame reached the client; now close. A 410 here means it closed meanwhile (it had finished opening).
        var delete = await retrier.SendAsync(token => management.DeleteConnectionAsync(target.ConnectionId, token), stopAt, null, stop);
        tally.CountRetries(delete.Retries);
        if (delete.Delivered || (!delete.Stopped && delete.Last!.Outcome == ManagementOutcome.Gone))
        {
            await store.ForgetAsync(target.ConnectionId, logger);
            tally.CountClosed();
        }
        else
        {
            tally.CountFailed(target, delete.Last?.StatusCode,
                delete.Stopped ? MessageFanOut.DeadlineExceeded : delete.Last!.ErrorType ?? delete.Last.Outcome.ToString());
        }
    }

    private async Task SettleUndeliveredAsync(DeliveryTarget target, PostAttempts post, GoneJudge gone, DisconnectTally tally)
    {
        if (post.Stopped)
        {
            tally.CountFailed(target, post.Last?.StatusCode, MessageFanOut.DeadlineExceeded);
        }
        else if (post.Last!.Outcome == ManagementOutcome.Gone && !gone.MayStillBeOpening)
        {
            await store.ForgetAsync(target.ConnectionId, logger);
            tally.CountGone();
        }
        else
        {
            // Not told, so not closed: the row stays and the caller may send the request again.
            tally.CountFailed(target, post.Last.StatusCode, post.Last.ErrorType ?? post.Last.Outcome.ToString());
        }
    }
}

/// <summary>Counts a disconnect's outcomes from many concurrent connections.</summary>
internal sealed class DisconnectTally
{
    private readonly ConcurrentQueue<FailedDelivery> failed = new();
    private int closed;
    private int gone;
    private int retries;

    public int Closed => Volatile.Read(ref closed);

    public int Gone => Volatile.Read(ref gone);

    public int Retries => Volatile.Read(ref retries);

    public IReadOnlyList<FailedDelivery> Failed =>
        [.. failed.OrderBy(failure => failure.UserId, StringComparer.Ordinal).ThenBy(failure => failure.ConnectionId, StringComparer.Ordinal)];

    public void CountClosed() => Interlocked.Increment(ref closed);

    public void CountGone() => Interlocked.Increment(ref gone);

    public void CountRetries(int count) => Interlocked.Add(ref retries, count);

    public void CountFailed(DeliveryTarget target, int? status, string error) =>
        failed.Enqueue(new FailedDelivery(target.ConnectionId, target.UserId, status, error));
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
