using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Publishing;

/// <summary>
/// The <c>publisher</c> function: stores one message in the history of one or many users, then delivers it to
/// every connection of theirs and reports what happened to each connection. Invalid requests fail with
/// <c>InvalidPublishRequest</c>, and a message history could not store fails with <c>HistoryStoreFailed</c>, both
/// before any post.
/// </summary>
/// <remarks>
/// The order is store, then list the connections, then post. A client that connects during a publish then finds
/// the message either in its resume (the message was allocated before its resume read the stream) or in the
/// connection list (its row was written before the list was read), closing the window in which it would miss it
/// both ways; only the index's eventual consistency remains (docs/history.md).
/// </remarks>
/// <param name="store">The connection store.</param>
/// <param name="history">The history store; null when history is off (messages then carry no <c>seq</c>/<c>epoch</c>).</param>
/// <param name="management">The management API client.</param>
/// <param name="options">Concurrency, retries and the deadline reserve.</param>
/// <param name="clock">The time.</param>
/// <param name="random">The retry jitter's source.</param>
/// <param name="logger">Where the invocation's log line goes.</param>
public sealed class PublisherHandler(
    IConnectionStore store,
    IHistoryStore? history,
    IManagementApi management,
    PublisherOptions options,
    TimeProvider clock,
    Random random,
    FunctionLogger logger) : IInvocationHandler
{
    /// <summary>The error type of an invocation whose message could not be stored in history; nothing was posted.</summary>
    public const string HistoryStoreFailed = "HistoryStoreFailed";

    private readonly MessageFanOut fanOut = new(store, management, options, new PostRetrier(options, random, clock), clock, logger);
    private readonly SessionEnder sessionEnder = new(store, management, options, new PostRetrier(options, random, clock), clock, logger);

    /// <summary>
    /// A publisher from a process's services; <c>RTC_PUBLISH_CONCURRENCY</c>, the history settings and the
    /// management endpoint are checked here, so a bad setting is an init error.
    /// </summary>
    public static PublisherHandler FromServices(FunctionServices services) => new(
        services.Store.Value,
        services.History.Value,
        services.Management.Value,
        PublisherOptions.FromEnvironment(services.Environment),
        services.Clock,
        Random.Shared,
        services.Logger);

    /// <inheritdoc />
    public async Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
    {
        var started = clock.GetTimestamp();
        var stored = 0;
        try
        {
            var parsed = PublishRequestParser.ParseAny(eventJson);
            if (parsed is DisconnectRequest disconnect)
            {
                return await DisconnectAsync(disconnect, context, started, cancellationToken);
            }

            var request = (PublishRequest)parsed;
            var stopAt = context.Deadline - options.DeadlineReserve;
            using var deadline = context.CancelBeforeDeadline(options.DeadlineReserve, clock);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);

            var positions = await StoreAsync(request, stop.Token);
            stored = positions?.Count ?? 0;
            var targets = await ListTargetsAsync(request, positions, stop.Token);
            var tally = await fanOut.DeliverAsync(targets, stopAt, stop.Token);
            var result = new PublishResult(request.UserIds.Count, stored, targets.Count, tally.Delivered, tally.Gone, tally.Failed);

            logger.Write(LogSeverity.Info, "publish", ("requestId", context.RequestId), ("outcome", "published"),
                ("users", result.Users), ("stored", result.Stored), ("connections", result.Connections), ("delivered", result.Delivered),
                ("gone", result.Gone), ("failed", result.Failed.Count), ("retries", tally.Retries),
                ("messageBytes", request.Message.Length), (FunctionLogger.DurationField, clock.GetElapsedTime(started).TotalMilliseconds));
            return JsonOutput.Serialize(result, PublishJsonContext.Default.PublishResult);
        }
        catch (InvocationException exception)
        {
            logger.Write(exception.ErrorType == InvalidPublishRequest.ErrorType ? LogSeverity.Warn : LogSeverity.Error, "publish",
                ("requestId", context.RequestId), ("outcome", exception.ErrorType), ("stored", stored),
                (FunctionLogger.DurationField, clock.GetElapsedTime(started).TotalMilliseconds));
            throw;
        }
    }

    // The frame, then the close, then the row, per connection; the same listing, bound and deadline as a publish.
    private async Task<string> DisconnectAsync(DisconnectRequest request, InvocationContext context, long started, CancellationToken cancellationToken)
    {
        var stopAt = context.Deadline - options.DeadlineReserve;
        using var deadline = context.CancelBeforeDeadline(options.DeadlineReserve, clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);

        var frame = ClientFrames.SessionEnded(request.Reason);
        var targets = await ListTargetsAsync(request.UserIds, _ => frame, stop.Token);
        var tally = await sessionEnder.EndAsync(targets, stopAt, stop.Token);
        var result = new DisconnectResult(request.UserIds.Count, tally.Delivered, tally.Gone, tally.Failed);

        logger.Write(LogSeverity.Info, "publish", ("requestId", context.RequestId), ("outcome", "disconnected"),
            ("users", result.Users), ("connections", targets.Count), ("closed", result.Closed), ("gone", result.Gone),
            ("failed", result.Failed.Count), ("retries", tally.Retries),
            (FunctionLogger.DurationField, clock.GetElapsedTime(started).TotalMilliseconds));
        return JsonOutput.Serialize(result, DisconnectJsonContext.Default.DisconnectResult);
    }

    // Every user's stream first, at most Concurrency users at a time; any failure fails the invocation before a post.
    private async Task<IReadOnlyList<HistoryPosition>?> StoreAsync(PublishRequest request, CancellationToken stop)
    {
        if (history is null)
        {
            return null;
        }

        try
        {
            return await history.AppendToEachAsync(request.UserIds, request.Message, clock.GetUtcNow(), options.Concurrency, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new InvocationException(MessageFanOut.DeadlineExceeded,
                "Storing the message in the users' history did not finish before the invocation deadline; nothing was posted.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvocationException(HistoryStoreFailed,
                $"Storing the message in the history of {request.UserIds.Count} user(s) failed ({exception.GetType().Name}: {exception.Message}); " +
                "nothing was posted. Users stored before the failure keep the message; a retry stores it again under a new number.");
        }
    }

    private Task<IReadOnlyList<DeliveryTarget>> ListTargetsAsync(PublishRequest request, IReadOnlyList<HistoryPosition>? positions, CancellationToken stop)
    {
        // Without history every connection gets the same envelope; with it, each user's carries that user's position,
        // built once for all of the user's connections (and only for users who have any).
        byte[]? unsequenced = null;
        byte[] EnvelopeOf(int index) => positions is null
            ? unsequenced ??= ClientFrames.Message(request.Message)
            : ClientFrames.Message(request.Message, positions[index]!.Epoch, positions[index]!.Seq);
        return ListTargetsAsync(request.UserIds, EnvelopeOf, stop);
    }

    // Every connection of every user (every page), at most Concurrency users at a time, each with its user's bytes.
    private async Task<IReadOnlyList<DeliveryTarget>> ListTargetsAsync(IReadOnlyList<string> userIds, Func<int, byte[]> envelopeOf, CancellationToken stop)
    {
        var perUser = new IReadOnlyList<string>[userIds.Count];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = stop };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, userIds.Count), parallel, async (index, token) =>
                perUser[index] = await store.ListConnectionIdsAsync(userIds[index], token));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw new InvocationException(MessageFanOut.DeadlineExceeded, "Listing the users' connections did not finish before the invocation deadline; nothing was posted.");
        }

        // A connection belongs to one user; the set only guards against a store listing a row twice.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var targets = new List<DeliveryTarget>();
        for (var index = 0; index < userIds.Count; index++)
        {
            var connectionIds = perUser[index].Where(seen.Add).ToList();
            if (connectionIds.Count == 0)
            {
                continue;
            }

            var envelope = envelopeOf(index);
            targets.AddRange(connectionIds.Select(connectionId => new DeliveryTarget(userIds[index], connectionId, envelope)));
        }

        return targets;
    }
}
