using System.Text;

namespace Rtc.Local.Lambda;

/// <summary>
/// Where the hosted functions' log lines go: every line to the gateway's own output and, while an invocation on
/// the current async flow is capturing (<c>LogType: Tail</c>), to that invocation's <see cref="InvocationLog"/>
/// too, as Lambda keeps each invocation's output apart from the others'.
/// </summary>
/// <param name="output">The gateway's log output.</param>
public sealed class InvocationLogWriter(TextWriter output) : TextWriter
{
    private static readonly AsyncLocal<InvocationLog?> Current = new();

    /// <inheritdoc />
    public override Encoding Encoding => output.Encoding;

    /// <summary>Collects the lines the current async flow, and what it starts, writes from now on.</summary>
    public static InvocationLog Capture() => Current.Value = new InvocationLog();

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        Current.Value?.Append(value ?? "");
        output.WriteLine(value);
    }

    /// <inheritdoc />
    public override void Flush() => output.Flush();
}
