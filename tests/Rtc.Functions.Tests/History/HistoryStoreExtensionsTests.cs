namespace Rtc.Functions.Tests.History;

public sealed class HistoryStoreExtensionsTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task AppendingToManyUsersRunsAtMostTheGivenNumberAtOnceAndReturnsPositionsInUserOrder()
    {
        var users = Enumerable.Range(1, 20).Select(n => $"user-{n}").ToList();
        var store = new GatedStore(firstWave: 4);

        var positions = await store.AppendToEachAsync(users, "{}"u8.ToArray(), DateTimeOffset.UnixEpoch, concurrency: 4);

        // The first four appends wait until all four run at once: fewer in flight would time out here.
        Assert.Equal(4, store.MostInFlight);
        Assert.Equal(users, positions.Select(position => position.Epoch));
    }

    [Fact]
    public async Task AFailedAppendFailsTheWholeCall()
    {
        var store = new GatedStore(firstWave: 1) { FailFor = "user-3" };

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.AppendToEachAsync(["user-1", "user-2", "user-3", "user-4"], "{}"u8.ToArray(), DateTimeOffset.UnixEpoch, concurrency: 2));
    }

    /// <summary>
    /// Records the most appends in flight; the first <c>firstWave</c> appends are held until that many run
    /// at once. Each position's epoch is the user id, so the test can tell whose position is where.
    /// </summary>
    private sealed class GatedStore(int firstWave) : IHistoryStore
    {
        private readonly TaskCompletionSource waveFull = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly InFlightGauge inFlight = new();
        private int started;

        public string? FailFor { get; init; }

        public int MostInFlight => inFlight.Most;

        public async Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
        {
            using var flight = inFlight.Enter();
            if (Interlocked.Increment(ref started) <= firstWave)
            {
                if (flight.InFlight == firstWave)
                {
                    waveFull.TrySetResult();
                }

                await waveFull.Task.WaitAsync(Patience, cancellationToken);
            }
            else
            {
                await Task.Yield();
            }

            return userId == FailFor ? throw new InvalidOperationException("store down") : new HistoryPosition(userId, 1);
        }

        public Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
