namespace Rtc.Local.Tests.Support;

/// <summary>Polls a condition until it holds or a deadline passes: for state the gateway changes on its own.</summary>
public static class Eventually
{
    /// <summary>Waits until <paramref name="condition"/> is true; fails with <paramref name="what"/> after 15 seconds.</summary>
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Timed out waiting until {what}.");

            // Polling interval of a condition with a deadline, not a synchronisation sleep.
            await Task.Delay(20);
        }
    }
}
