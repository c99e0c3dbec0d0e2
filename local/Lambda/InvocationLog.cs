using System.Text;

namespace Rtc.Local.Lambda;

/// <summary>The log lines one invocation wrote (see <c>FunctionLogger.Observe</c>), as Lambda returns them in <c>X-Amz-Log-Result</c>.</summary>
internal sealed class InvocationLog
{
    private readonly StringBuilder lines = new();

    public void Append(string line)
    {
        lock (lines)
        {
            lines.Append(line).Append('\n');
        }
    }

    /// <summary>The last <paramref name="maxBytes"/> bytes of the lines in UTF-8 (all of them when shorter).</summary>
    public byte[] Tail(int maxBytes)
    {
        byte[] all;
        lock (lines)
        {
            all = Encoding.UTF8.GetBytes(lines.ToString());
        }

        return all.Length <= maxBytes ? all : all[^maxBytes..];
    }
}
