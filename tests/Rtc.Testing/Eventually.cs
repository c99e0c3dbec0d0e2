namespace Rtc.Testing;

/// <summary>Waits, with a deadline, for what the code under test does on its own.</summary>
public static class Eventually
{
    /// <summary>How long a test waits for anything before it fails: 15 seconds.</summary>
    public static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(15);

    /// <summary>Waits until <paramref name="condition"/> is true; fails with <paramref name="what"/> after <see cref="WaitLimit"/>.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + WaitLimit;
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting until {what}.");

            // Polling interval of a condition with a deadline, not a synchronisation sleep.
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> is true; fails with <paramref name="what"/> after <see cref="WaitLimit"/>.</summary>
    public static Task HoldsAsync(Func<bool> condition, string what) => HoldsAsync(() => Task.FromResult(condition()), what);
}
