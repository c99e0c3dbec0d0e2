using Rtc.Contracts;
using Rtc.Stack.Infrastructure;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Turns a stack's raw config (<c>"rtc-pulumi:key" → value text</c>) into <see cref="StackSettings"/>, rejecting
/// unknown project keys, placeholders, wrong types and out-of-range values with a message that names the key and
/// what it allows. Each key parses itself (<see cref="ProjectConfig"/>); the rules between keys live here.
/// Keys of other namespaces (<c>aws:region</c>) are the providers' business and pass through.
/// </summary>
internal static class StackSettingsReader
{
    private const string Prefix = ProjectConfig.ProjectName + ":";

    /// <summary>Reads and validates one stack's settings.</summary>
    /// <exception cref="StackConfigException">A key is unknown, a placeholder, mistyped, out of range or inconsistent.</exception>
    public static StackSettings Read(string? stackName, IReadOnlyDictionary<string, string> config)
    {
        var projectValues = ProjectValues(config);
        RefusePlaceholders(stackName, projectValues);
        var values = new ConfigValues(projectValues);
        var auth = ReadAuth(values);
        var production = ProjectConfig.Production.Read(values);
        var allowUnauthenticated = ProjectConfig.AllowUnauthenticatedConnections.Read(values);
        if (production && auth.Mode == AuthMode.None && !allowUnauthenticated)
        {
            throw ProjectConfig.Auth.Invalid(
                "is none on a production stack (production: true); set auth: jwt, or set " +
                $"{ProjectConfig.AllowUnauthenticatedConnections.Name}: true to accept unauthenticated connections knowingly");
        }

        var pattern = ProjectConfig.EventPattern.Read(values);
        var busName = ProjectConfig.EventBusName.Read(values);
        var settings = new StackSettings(
            stackName,
            ProjectConfig.Architecture.Read(values),
            ProjectConfig.FunctionPackaging.Read(values),
            ProjectConfig.MemorySize.Read(values),
            ProjectConfig.Timeout.Read(values),
            ProjectConfig.LogRetentionDays.Read(values),
            ProjectConfig.ThrottlingBurstLimit.Read(values),
            ProjectConfig.ThrottlingRateLimit.Read(values),
            ProjectConfig.AccessLogs.Read(values),
            ProjectConfig.ManageApiGatewayAccount.Read(values),
            ProjectConfig.HeartbeatSeconds.Read(values),
            ProjectConfig.PublishConcurrency.Read(values),
            ProjectConfig.HistoryHours.Read(values),
            production,
            ProjectConfig.AlarmTopicArn.Read(values),
            pattern.Length == 0 ? null : new EventTrigger(busName, pattern),
            auth);
        if (values.Unread.FirstOrDefault() is { } unread)
        {
            // A declared key nothing reads would be accepted and silently ignored: a programming error.
            throw new InvalidOperationException($"Config key '{unread.FullName}' is declared in ProjectConfig but StackSettingsReader never reads it.");
        }

        if (stackName is not null)
        {
            Naming.ValidateStackName(stackName);
        }

        return settings;
    }

    private static Dictionary<string, string> ProjectValues(IReadOnlyDictionary<string, string> config)
    {
        var known = ProjectConfig.All.Select(key => key.Name).ToHashSet(StringComparer.Ordinal);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (fullKey, value) in config)
        {
            if (!fullKey.StartsWith(Prefix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = fullKey[Prefix.Length..];
            if (!known.Contains(name))
            {
                throw new StackConfigException(
                    $"Unknown config key '{fullKey}'. Allowed {ProjectConfig.ProjectName} keys: " +
                    string.Join(", ", ProjectConfig.All.Select(key => key.Name)) + ".");
            }

            values[name] = value;
        }

        return values;
    }

    // Before any other check, and every such key at once: the stack files ship placeholders for values only
    // their owner knows, and a template built from them deploys an authorizer that refuses everyone.
    private static void RefusePlaceholders(string? stackName, Dictionary<string, string> values)
    {
        var unfilled = ProjectConfig.All
            .Where(key => values.TryGetValue(key.Name, out var value) && value.Contains(ProjectConfig.Placeholder, StringComparison.Ordinal))
            .Select(key => $"Config key '{key.FullName}' still holds the placeholder {ProjectConfig.Placeholder}; " +
                $"set it with: {key.SetCommand(stackName)} (allowed: {key.Allowed}).")
            .ToList();
        if (unfilled.Count > 0)
        {
            throw new StackConfigException(string.Join('\n', unfilled));
        }
    }

    private static AuthSettings ReadAuth(ConfigValues values)
    {
        var mode = ProjectConfig.Auth.Read(values);
        var issuer = ProjectConfig.AuthIssuer.Read(values);
        var audience = ProjectConfig.AuthAudience.Read(values);
        var jwksUrl = ProjectConfig.AuthJwksUrl.Read(values);
        var secret = ProjectConfig.AuthHs256Secret.Read(values);
        var userClaim = ProjectConfig.AuthUserClaim.Read(values);
        var tokenSource = ProjectConfig.AuthTokenSource.Read(values);

        if (mode == AuthMode.Jwt)
        {
            if (issuer.Length == 0)
            {
                throw ProjectConfig.AuthIssuer.Invalid("is empty but auth is jwt");
            }

            if (audience.Length == 0)
            {
                throw ProjectConfig.AuthAudience.Invalid("is empty but auth is jwt");
            }

            if ((jwksUrl.Length > 0) == (secret.Length > 0))
            {
                throw new StackConfigException(
                    $"Config keys '{ProjectConfig.AuthJwksUrl.FullName}' and '{ProjectConfig.AuthHs256Secret.FullName}' are both " +
                    $"{(jwksUrl.Length > 0 ? "set" : "empty")} but auth is jwt; allowed: exactly one of them.");
            }
        }

        return new AuthSettings(mode, issuer, audience, jwksUrl, secret.Length > 0, userClaim, tokenSource);
    }
}
