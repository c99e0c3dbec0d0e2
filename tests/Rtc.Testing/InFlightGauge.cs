namespace Rtc.Testing;

/// <summary>
/// Counts the operations in flight and the most there were at once: how a stand-in (a management API, a store)
/// sees from the far side that the code under test keeps to its concurrency bound.
/// </summary>
public sealed class InFlightGauge
{
    private int current;
    private int most;

    /// <summary>The most operations in flight at once since the gauge was made or last <see cref="Reset"/>.</summary>
    public int Most => Volatile.Read(ref most);

    /// <summary>Counts one more operation in flight until the returned scope is disposed.</summary>
    public Scope Enter()
    {
        var now = Interlocked.Increment(ref current);
        for (var seen = Volatile.Read(ref most); now > seen; seen = Volatile.Read(ref most))
        {
            if (Interlocked.CompareExchange(ref most, now, seen) == seen)
            {
                break;
            }
        }

        return new Scope(this, now);
    }

    /// <summary>Forgets the most seen so far (operations still in flight stay counted).</summary>
    public void Reset() => Volatile.Write(ref most, 0);

    /// <summary>One operation in flight; disposing it ends it.</summary>
    /// <param name="gauge">The gauge it counts on.</param>
    /// <param name="inFlight">How many were in flight once it started, itself included.</param>
    public readonly struct Scope(InFlightGauge gauge, int inFlight) : IDisposable
    {
        /// <summary>How many were in flight once this one started, itself included.</summary>
        public int InFlight { get; } = inFlight;

        /// <inheritdoc />
        public void Dispose() => Interlocked.Decrement(ref gauge.current);
    }
}
