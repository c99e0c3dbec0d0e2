using System.Globalization;
using System.Text;
using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Functions.Runtime;

/// <summary>How serious a log line is; written as <c>INFO</c>, <c>WARN</c> or <c>ERROR</c>.</summary>
public enum LogSeverity
{
    /// <summary><c>INFO</c>: what happened, as expected.</summary>
    Info,

    /// <summary><c>WARN</c>: a refusal or a best-effort step that did not succeed; the service carries on.</summary>
    Warn,

    /// <summary><c>ERROR</c>: an invocation or a start-up failed.</summary>
    Error,
}

/// <summary>
/// Writes one JSON object per line, the shape CloudWatch's JSON log format and the local gateway's console
/// expect, encoded by <see cref="JsonOutput"/> so a line reads raw as it was meant (<c>+00:00</c>, quotes).
/// Callers pass only routing facts and counts: message bodies and tokens are never logged.
/// </summary>
public sealed class FunctionLogger(TextWriter output, TimeProvider clock)
{
    // Who else gets the lines written on an async flow; see Observe.
    private static readonly AsyncLocal<Action<string>?> Observer = new();

    /// <summary>
    /// The field every invocation's line gives its duration in, in milliseconds by the handler's
    /// <see cref="TimeProvider"/>, so one CloudWatch Logs Insights query reads every function.
    /// </summary>
    public const string DurationField = "durationMs";

    private readonly Lock writeLock = new();

    /// <summary>A logger that writes to the process's standard output, where Lambda (and the local gateway's console) reads it.</summary>
    public static FunctionLogger StandardOutput { get; } = new(Console.Out, TimeProvider.System);

    /// <summary>
    /// Hands <paramref name="observer"/> every line any logger writes from now on, on the current async flow and
    /// the flows it starts, besides writing it: how the local gateway returns one invocation's own log lines
    /// (Lambda's <c>LogType: Tail</c>) while others run at the same time.
    /// </summary>
    public static void Observe(Action<string> observer) => Observer.Value = observer;

    /// <summary>Writes one line: <c>{"timestamp","level","message",...fields}</c>.</summary>
    /// <param name="severity">The line's <c>level</c>.</param>
    /// <param name="message">A short fixed description, e.g. "invocation".</param>
    /// <param name="fields">Named values: strings, numbers, booleans or null.</param>
    public void Write(LogSeverity severity, string message, params ReadOnlySpan<(string Name, object? Value)> fields)
    {
        var timestamp = clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        var entries = fields.ToArray();
        var line = Encoding.UTF8.GetString(JsonOutput.Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("timestamp", timestamp);
            json.WriteString("level", LevelOf(severity));
            json.WriteString("message", message);
            foreach (var (name, value) in entries)
            {
                WriteField(json, name, value);
            }

            json.WriteEndObject();
        }));
        lock (writeLock)
        {
            output.WriteLine(line);
            output.Flush();
        }

        Observer.Value?.Invoke(line);
    }

    private static string LevelOf(LogSeverity severity) => severity switch
    {
        LogSeverity.Error => "ERROR",
        LogSeverity.Warn => "WARN",
        _ => "INFO",
    };

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
            default: json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
