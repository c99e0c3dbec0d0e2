using System.Text;
using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Browser.Tests.Support;

/// <summary>The functions' log, keeping the close code and reason of every <c>$disconnect</c> the gateway reported.</summary>
public sealed class DisconnectLog : TextWriter
{
    private readonly List<(int Code, string Reason)> closes = [];

    /// <summary>Every <c>$disconnect</c> so far, in order.</summary>
    public IReadOnlyList<(int Code, string Reason)> Closes
    {
        get
        {
            lock (closes)
            {
                return [.. closes];
            }
        }
    }

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void WriteLine(string? value)
    {
        if (value is null || !value.StartsWith('{'))
        {
            return;
        }

        var line = JsonDocument.Parse(value).RootElement;
        if (line.TryGetProperty("route", out var route) && route.GetString() == WebSocketRoutes.Disconnect)
        {
            lock (closes)
            {
                closes.Add((line.GetProperty("closeCode").GetInt32(), line.GetProperty("closeReason").GetString() ?? ""));
            }
        }
    }
}
