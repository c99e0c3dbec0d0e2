using System.Text.Json;

namespace Rtc.Functions.Logging;

/// <summary>
/// Writes one JSON object per line, the shape CloudWatch's JSON log format and the local gateway's console
/// expect. Callers pass only routing facts and counts: message bodies and tokens are never logged.
/// </summary>
public sealed class FunctionLogger(TextWriter output, TimeProvider clock)
{
    // Who else gets the lines written on an async flow; see Observe.
    private static readonly AsyncLocal<Action<string>?> Observer = new();

    private readonly Lock writeLock = new();

    /// <summary>A logger that writes to the process's standard output.</summary>
    public static FunctionLogger Console { get; } = new(System.Console.Out, TimeProvider.System);

    /// <summary>
    /// Hands <paramref name="observer"/> every line any logger writes from now on, on the current async flow and
    /// the flows it starts, besides writing it: how the local gateway returns one invocation's own log lines
    /// (Lambda's <c>LogType: Tail</c>) while others run at the same time.
    /// </summary>
    public static void Observe(Action<string> observer) => Observer.Value = observer;

    /// <summary>Writes one line: <c>{"timestamp","level","message",...fields}</c>.</summary>
    /// <param name="level">"INFO", "WARN" or "ERROR".</param>
    /// <param name="message">A short fixed description, e.g. "invocation".</param>
    /// <param name="fields">Named values: strings, numbers, booleans or null.</param>
    public void Write(string level, string message, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", clock.GetUtcNow().ToString("O"));
            json.WriteString("level", level);
            json.WriteString("message", message);
            foreach (var (name, value) in fields)
            {
                WriteField(json, name, value);
            }

            json.WriteEndObject();
        }

        var line = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (writeLock)
        {
            output.WriteLine(line);
            output.Flush();
        }

        Observer.Value?.Invoke(line);
    }

    private static void WriteField(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(name); break;
            case string text: json.WriteString(name, text); break;
            case bool flag: json.WriteBoolean(name, flag); break;
            case int number: json.WriteNumber(name, number); break;
            case long number: json.WriteNumber(name, number); break;
            case double number: json.WriteNumber(name, Math.Round(number, 3)); break;
            default: json.WriteString(name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
    }
}
