using System.Text;

namespace Rtc.Local.Tests.Support;

/// <summary>A log writer that completes <see cref="Seen"/> once a line containing <paramref name="text"/> is written.</summary>
public sealed class SignallingWriter(string text) : TextWriter
{
    private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the text has been written.</summary>
    public Task Seen => seen.Task;

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        if (value is not null && value.Contains(text, StringComparison.Ordinal))
        {
            seen.TrySetResult();
        }
    }
}
