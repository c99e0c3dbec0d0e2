namespace Rtc.Local.Tests.Support;

/// <summary>
/// A log writer that completes <see cref="Seen"/> once a line containing <paramref name="text"/> is written, and
/// counts such lines.
/// </summary>
public sealed class SignallingWriter(string text) : TextWriter
{
    private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int count;

    /// <summary>Completes when the text has been written.</summary>
    public Task Seen => seen.Task;

    /// <summary>How many lines contained the text.</summary>
    public int Count => Volatile.Read(ref count);

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        if (value is not null && value.Contains(text, StringComparison.Ordinal))
        {
            Interlocked.Increment(ref count);
            seen.TrySetResult();
        }
    }
}
