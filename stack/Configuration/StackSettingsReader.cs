using System.Globalization;
using System.Text.Json;
using Rtc.Functions.Configuration;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Turns a stack's raw config (<c>"rtc-pulumi:key" → value text</c>) into <see cref="StackSettings"/>, rejecting
/// unknown project keys, wrong types and out-of-range values with a message that names the key and what it allows.
/// Keys of other namespaces (<c>aws:region</c>) are the providers' business and pass through.
/// </summary>
internal static class StackSettingsReader
{
    /// <summary>The retention periods CloudWatch Logs accepts, in days.</summary>
    public static readonly IReadOnlyList<int> RetentionPeriods =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    private const string Prefix = ProjectConfig.ProjectName + ":";

    /// <summary>Reads and validates one stack's settings.</summary>
    /// <exception cref="StackConfigException">A key is unknown, mistyped, out of range or inconsistent.</exception>
    public static StackSettings Read(string? stackName, IReadOnlyDictionary<string, string> config)
    {
        var values = ProjectValues(config);
        var auth = ReadAuth(values);
        var production = Boolean(values, ProjectConfig.Production);
        var allowUnauthenticated = Boolean(values, ProjectConfig.AllowUnauthenticatedConnections);
        if (production && auth.Mode == AuthMode.None && !allowUnauthenticated)
        {
            throw Invalid(ProjectConfig.Auth,
                "is none on a production stack (production: true); set auth: jwt, or set " +
                $"{ProjectConfig.AllowUnauthenticatedConnections.Name}: true to accept unauthenticated connections knowingly");
        }

        var settings = new StackSettings(
            stackName,
            OneOf(values, ProjectConfig.Architecture, "x86_64", "arm64"),
            Integer(values, ProjectConfig.MemorySize, 128, 10240),
            Integer(values, ProjectConfig.Timeout, 1, 900),
            Retention(values),
            Integer(values, ProjectConfig.ThrottlingBurstLimit, 0, 5000),
            Integer(values, ProjectConfig.ThrottlingRateLimit, 0, 10000),
            Integer(values, ProjectConfig.HeartbeatSeconds, 10, 540),
            Integer(values, ProjectConfig.PublishConcurrency, 1, 1000),
            production,
            AlarmTopic(values),
            Events(values),
            auth);
        if (stackName is not null)
        {
            ResourceNames.Validate(stackName);
        }

        return settings;
    }

    private static Dictionary<string, string> ProjectValues(IReadOnlyDictionary<string, string> config)
    {
        var known = ProjectConfig.All.ToDictionary(key => key.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fullKey, value) in config)
        {
            if (!fullKey.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = fullKey[Prefix.Length..];
            if (!known.ContainsKey(name))
            {
                throw new StackConfigException(
                    $"Unknown config key '{fullKey}'. Allowed {ProjectConfig.ProjectName} keys: " +
                    string.Join(", ", ProjectConfig.All.Select(key => key.Name)) + ".");
            }

            values[name] = value;
        }

        return values;
    }

    private static AuthSettings ReadAuth(Dictionary<string, string> values)
    {
        var modeName = Text(values, ProjectConfig.Auth);
        var mode = AuthModes.TryParse(modeName, out var parsed) ? parsed : throw Invalid(ProjectConfig.Auth, $"is '{modeName}'");
        var issuer = Text(values, ProjectConfig.AuthIssuer);
        var audience = Text(values, ProjectConfig.AuthAudience);
        var jwksUrl = Text(values, ProjectConfig.AuthJwksUrl);
        var secret = Text(values, ProjectConfig.AuthHs256Secret);
        var userClaim = Text(values, ProjectConfig.AuthUserClaim);
        var tokenSource = OneOf(values, ProjectConfig.AuthTokenSource, "query", "protocol") == "protocol"
            ? TokenSource.Protocol
            : TokenSource.Query;

        if (jwksUrl.Length > 0 && !(Uri.TryCreate(jwksUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            throw Invalid(ProjectConfig.AuthJwksUrl, "is not an https URL");
        }

        // Length only: the value itself is never kept, logged or printed.
        if (secret.Length is > 0 and < 32)
        {
            throw Invalid(ProjectConfig.AuthHs256Secret, "is shorter than 32 characters");
        }

        if (userClaim.Length == 0)
        {
            throw Invalid(ProjectConfig.AuthUserClaim, "is empty");
        }

        if (mode == AuthMode.Jwt)
        {
            if (issuer.Length == 0)
            {
                throw Invalid(ProjectConfig.AuthIssuer, "is empty but auth is jwt");
            }

            if (audience.Length == 0)
            {
                throw Invalid(ProjectConfig.AuthAudience, "is empty but auth is jwt");
            }

            if ((jwksUrl.Length > 0) == (secret.Length > 0))
            {
                throw Invalid(ProjectConfig.AuthJwksUrl,
                    $"and {ProjectConfig.AuthHs256Secret.Name} are both {(jwksUrl.Length > 0 ? "set" : "empty")} but auth is jwt");
            }
        }

        return new AuthSettings(mode, issuer, audience, jwksUrl, secret.Length > 0, userClaim, tokenSource);
    }

    private static int Retention(Dictionary<string, string> values)
    {
        var days = Integer(values, ProjectConfig.LogRetentionDays, RetentionPeriods[0], RetentionPeriods[^1]);
        return RetentionPeriods.Contains(days) ? days : throw Invalid(ProjectConfig.LogRetentionDays, $"is {days}");
    }

    private static string AlarmTopic(Dictionary<string, string> values)
    {
        var arn = Text(values, ProjectConfig.AlarmTopicArn);
        return arn.Length == 0 || (arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":sns:", StringComparison.Ordinal))
            ? arn
            : throw Invalid(ProjectConfig.AlarmTopicArn, "is not an SNS topic ARN");
    }

    private static EventTrigger? Events(Dictionary<string, string> values)
    {
        var bus = Text(values, ProjectConfig.EventBusName);
        if (bus.Length == 0)
        {
            throw Invalid(ProjectConfig.EventBusName, "is empty");
        }

        var pattern = Text(values, ProjectConfig.EventPattern);
        if (pattern.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(pattern);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any()
                ? new EventTrigger(bus, pattern)
                : throw Invalid(ProjectConfig.EventPattern, "is not a non-empty JSON object");
        }
        catch (JsonException)
        {
            throw Invalid(ProjectConfig.EventPattern, "is not valid JSON");
        }
    }

    private static string Text(Dictionary<string, string> values, ConfigKeyDefinition key) =>
        values.TryGetValue(key.Name, out var value) ? value.Trim() : key.Default;

    private static string OneOf(Dictionary<string, string> values, ConfigKeyDefinition key, params string[] allowed)
    {
        var value = Text(values, key);
        return allowed.Contains(value, StringComparer.Ordinal) ? value : throw Invalid(key, $"is '{value}'");
    }

    private static int Integer(Dictionary<string, string> values, ConfigKeyDefinition key, int minimum, int maximum)
    {
        var text = Text(values, key);
        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw Invalid(key, $"is '{text}', not an integer");
        }

        return value >= minimum && value <= maximum ? value : throw Invalid(key, $"is {value}");
    }

    private static bool Boolean(Dictionary<string, string> values, ConfigKeyDefinition key) => Text(values, key) switch
    {
        "true" => true,
        "false" => false,
        var other => throw Invalid(key, $"is '{other}', not a boolean"),
    };

    private static StackConfigException Invalid(ConfigKeyDefinition key, string problem) => new(
        $"Config key '{ProjectConfig.ProjectName}:{key.Name}' {problem}; allowed: {key.Allowed}.");
}
