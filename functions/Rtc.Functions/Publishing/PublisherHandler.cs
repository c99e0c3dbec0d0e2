using System.Diagnostics;
using Rtc.Functions.Composition;
using Rtc.Functions.Contracts;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Publishing;

/// <summary>
/// The <c>publisher</c> function: delivers one message to every connection of one or many users and reports
/// what happened to each connection. Invalid requests fail with <c>InvalidPublishRequest</c> before any post.
/// </summary>
public sealed class PublisherHandler(
    IConnectionStore store,
    IManagementApi management,
    PublisherOptions options,
    TimeProvider clock,
    Random random,
    FunctionLogger logger) : IInvocationHandler
{
    private readonly MessageFanOut fanOut = new(store, management, options, new RetryBackoff(options, random), clock, logger);

    /// <summary>
    /// A publisher from a process's services; <c>RTC_PUBLISH_CONCURRENCY</c> and the management endpoint are
    /// checked here, so a bad setting is an init error.
    /// </summary>
    public static PublisherHandler Create(FunctionServices services) => new(
        services.Store.Value,
        services.Management.Value,
        PublisherOptions.FromEnvironment(services.Environment),
        services.Clock,
        Random.Shared,
        services.Logger);

    /// <inheritdoc />
    public async Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        PublishRequest request;
        try
        {
            request = PublishRequestParser.Parse(eventJson);
        }
        catch (InvocationException exception)
        {
            logger.Write(LogSeverity.Warn, "publish", ("requestId", context.RequestId), ("outcome", exception.ErrorType),
                ("milliseconds", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
            throw;
        }

        var stopAt = context.Deadline - options.Reserve;
        using var deadline = new CancellationTokenSource(TimeUntil(stopAt), clock);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);

        var targets = await ListTargetsAsync(request.UserIds, stop.Token);
        var tally = await fanOut.DeliverAsync(targets, request.Message, stopAt, stop.Token);
        var result = new PublishResult(request.UserIds.Count, targets.Count, tally.Delivered, tally.Gone, tally.Failed);

        logger.Write(LogSeverity.Info, "publish", ("requestId", context.RequestId), ("outcome", "published"),
            ("users", result.Users), ("connections", result.Connections), ("delivered", result.Delivered),
            ("gone", result.Gone), ("failed", result.Failed.Count), ("retries", tally.Retries),
            ("messageBytes", request.Message.Length), ("milliseconds", Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        return JsonOutput.Serialize(result, PublishJsonContext.Default.PublishResult);
    }

    private async Task<IReadOnlyList<DeliveryTarget>> ListTargetsAsync(IReadOnlyList<string> userIds, CancellationToken stop)
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
            targets.AddRange(perUser[index].Where(seen.Add).Select(connectionId => new DeliveryTarget(userIds[index], connectionId)));
        }

        return targets;
    }

    // A timer accepts at most about 49 days; a local host may pass a far deadline.
    private TimeSpan TimeUntil(DateTimeOffset moment) =>
        TimeSpan.FromTicks(Math.Clamp((moment - clock.GetUtcNow()).Ticks, 0, TimeSpan.FromDays(1).Ticks));
}
