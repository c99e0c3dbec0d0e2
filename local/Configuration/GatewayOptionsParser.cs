using System.Globalization;
using System.Text.RegularExpressions;
using Rtc.Contracts;

namespace Rtc.Local.Configuration;

/// <summary>Turns command-line flags into <see cref="GatewayOptions"/>; every error names the flag and what it accepts.</summary>
internal static partial class GatewayOptionsParser
{
    /// <summary>The usage text printed by <c>--help</c> and after an error.</summary>
    public const string Usage = $"""
        Usage: dotnet run --project local [-- options]

          --port N                       loopback port (default 3001; 0 picks a free port)
          --stage NAME                   stage name in every path (default local)
          --region NAME                  region requests are signed for (default us-east-1)
          --api-id ID                    API id in events (default localrtc01)
          --dynamodb-endpoint URL        keep connections and history in DynamoDB at URL (default: in memory)
          --table NAME                   connection table with --dynamodb-endpoint (default rtc-local-connections)
          --history-seconds N            keep each user's messages N seconds for resume; 0 turns history off (default 86400)
          --history-table NAME           history table with --dynamodb-endpoint (default rtc-local-history)
          --auth {AuthModes.None}|{AuthModes.Jwt}                run the JWT authorizer before $connect (default {AuthModes.None})
          --no-signature-check           accept unsigned management and invoke requests
          --max-frame-bytes N            frame quota (default 32768)
          --max-message-bytes N          message and PostToConnection quota (default 131072)
          --idle-timeout DURATION        close idle connections (default 10m)
          --max-duration DURATION        close every connection after (default 2h)
          --connect-rate N               new connections per second before 429 (default 500)
          --invoke-timeout DURATION      function invocation deadline (default 30s)
          --management-latency DURATION  delay every management API answer (default 0ms)
          --management-throttle-rate P   answer 429 with probability P, 0 to 1 (default 0)
          --management-error-rate P      answer 500 with probability P, 0 to 1 (default 0)
          --abrupt-drop                  forget sockets closed without a close frame, without $disconnect
          --help                         print this text

        DURATION is a number with a unit: 500ms, 30s, 10m, 2h.
        """;

    /// <summary>Parses <paramref name="args"/>; throws <see cref="InvalidOptionException"/> on the first bad flag.</summary>
    public static GatewayOptions Parse(IReadOnlyList<string> args)
    {
        var options = new GatewayOptions();
        var faults = new FaultOptions();
        for (var index = 0; index < args.Count; index++)
        {
            var flag = args[index];
            string Value() => index + 1 < args.Count && !args[index + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++index]
                : throw new InvalidOptionException($"{flag} needs a value.");

            options = flag switch
            {
                "--port" => options with { Port = ParseInt(flag, Value(), 0, 65535) },
                "--stage" => options with { Stage = ParseName(flag, Value(), StageName(), "letters, digits, '-' and '_'") },
                "--region" => options with { Region = ParseName(flag, Value(), RegionName(), "a region such as us-east-1") },
                "--api-id" => options with { ApiId = ParseName(flag, Value(), ApiIdName(), "lowercase letters and digits") },
                "--dynamodb-endpoint" => options with { DynamoDbEndpoint = ParseUrl(flag, Value()) },
                "--table" => options with { TableName = ParseName(flag, Value(), TableNameRule(), TableNameAllowed) },
                // 0 for off, else the functions' own RTC_HISTORY_SECONDS range (from 1).
                "--history-seconds" => options with { HistorySeconds = ParseInt(flag, Value(), 0, FunctionSettings.MaxHistorySeconds) },
                "--history-table" => options with { HistoryTableName = ParseName(flag, Value(), TableNameRule(), TableNameAllowed) },
                "--auth" => options with { Auth = ParseAuthMode(flag, Value()) },
                "--no-signature-check" => options with { RequireSignature = false },
                "--max-frame-bytes" => options with { MaxFrameBytes = ParseInt(flag, Value(), 1, int.MaxValue) },
                "--max-message-bytes" => options with { MaxMessageBytes = ParseInt(flag, Value(), 1, int.MaxValue) },
                "--idle-timeout" => options with { IdleTimeout = ParseDuration(flag, Value()) },
                "--max-duration" => options with { MaxDuration = ParseDuration(flag, Value()) },
                "--connect-rate" => options with { ConnectRatePerSecond = ParseInt(flag, Value(), 1, 1_000_000) },
                "--invoke-timeout" => options with { InvokeTimeout = ParseDuration(flag, Value()) },
                "--management-latency" => Faults(faults = faults with { ManagementLatency = ParseDuration(flag, Value(), allowZero: true) }),
                "--management-throttle-rate" => Faults(faults = faults with { ThrottleRate = ParseProbability(flag, Value()) }),
                "--management-error-rate" => Faults(faults = faults with { ErrorRate = ParseProbability(flag, Value()) }),
                "--abrupt-drop" => options with { AbruptDrop = true },
                _ => throw new InvalidOptionException($"Unknown option '{flag}'."),
            };

            GatewayOptions Faults(FaultOptions updated) => options with { Faults = updated };
        }

        if (options.MaxFrameBytes > options.MaxMessageBytes)
        {
            throw new InvalidOptionException("--max-frame-bytes must not exceed --max-message-bytes.");
        }

        return options;
    }

    private const string TableNameAllowed = "3 to 255 of letters, digits, '_', '-', '.'";

    private static int ParseInt(string flag, string value, int minimum, int maximum) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= minimum && number <= maximum
            ? number
            : throw new InvalidOptionException($"{flag} must be a whole number from {minimum} to {maximum}, not '{value}'.");

    private static double ParseProbability(string flag, string value) =>
        double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) && number is >= 0 and <= 1
            ? number
            : throw new InvalidOptionException($"{flag} must be a probability from 0 to 1 (e.g. 0.05), not '{value}'.");

    private static string ParseName(string flag, string value, Regex rule, string allowed) =>
        rule.IsMatch(value) ? value : throw new InvalidOptionException($"{flag} accepts {allowed}, not '{value}'.");

    private static AuthMode ParseAuthMode(string flag, string value) =>
        AuthModes.TryParse(value, out var mode)
            ? mode
            : throw new InvalidOptionException($"{flag} must be one of {string.Join(", ", AuthModes.Names)}, not '{value}'.");

    private static Uri ParseUrl(string flag, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? uri
            : throw new InvalidOptionException($"{flag} must be an http:// or https:// URL, not '{value}'.");

    private static TimeSpan ParseDuration(string flag, string value, bool allowZero = false)
    {
        var match = Duration().Match(value);
        if (match.Success && double.TryParse(match.Groups["number"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            var duration = match.Groups["unit"].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(number),
                "s" => TimeSpan.FromSeconds(number),
                "m" => TimeSpan.FromMinutes(number),
                _ => TimeSpan.FromHours(number),
            };
            if (duration > TimeSpan.Zero || (allowZero && duration == TimeSpan.Zero))
            {
                return duration;
            }
        }

        throw new InvalidOptionException(
            $"{flag} must be a {(allowZero ? "" : "positive ")}duration with a unit (ms, s, m or h), e.g. 500ms, 30s, 10m, 2h; not '{value}'.");
    }

    [GeneratedRegex("^(?<number>[0-9]+(\\.[0-9]+)?)(?<unit>ms|s|m|h)$")]
    private static partial Regex Duration();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,128}$")]
    private static partial Regex StageName();

    [GeneratedRegex("^[a-z]{2}(-[a-z]+)+-[0-9]$")]
    private static partial Regex RegionName();

    [GeneratedRegex("^[a-z0-9]{1,32}$")]
    private static partial Regex ApiIdName();

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,255}$")]
    private static partial Regex TableNameRule();
}

/// <summary>A command-line flag that is unknown, missing its value, or has a value out of range.</summary>
internal sealed class InvalidOptionException(string message) : Exception(message);
