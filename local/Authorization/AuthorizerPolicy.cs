using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Rtc.Local.Authorization;

/// <summary>
/// A REQUEST authorizer's answer: <c>{"principalId","policyDocument":{"Statement":[{"Effect","Action","Resource"}]},"context"}</c>.
/// Allowed when an <c>Allow</c> statement covers the route's ARN and no <c>Deny</c> does (IAM's rule).
/// </summary>
internal sealed class AuthorizerPolicy
{
    private readonly Dictionary<string, JsonElement> values = new(StringComparer.Ordinal);

    private AuthorizerPolicy(bool isValid, bool allowed)
    {
        IsValid = isValid;
        Allowed = allowed;
    }

    /// <summary>Whether the answer had a principal and a policy document.</summary>
    public bool IsValid { get; }

    public bool Allowed { get; }

    public static AuthorizerPolicy Read(string? json, string methodArn)
    {
        try
        {
            using var document = JsonDocument.Parse(json ?? "null");
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("principalId", out var principal)
                || principal.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("policyDocument", out var policy)
                || !policy.TryGetProperty("Statement", out var statements))
            {
                return new AuthorizerPolicy(false, false);
            }

            var effects = (statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements])
                .Where(statement => Covers(statement, methodArn))
                .Select(statement => statement.TryGetProperty("Effect", out var effect) ? effect.GetString() : null)
                .ToList();
            var result = new AuthorizerPolicy(true, effects.Contains("Allow") && !effects.Contains("Deny"));
            if (root.TryGetProperty("context", out var context) && context.ValueKind == JsonValueKind.Object)
            {
                // API Gateway passes only string, number and boolean context values on.
                foreach (var property in context.EnumerateObject().Where(property => property.Value.ValueKind
                             is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False))
                {
                    result.values[property.Name] = property.Value.Clone();
                }
            }

            result.values["principalId"] = principal.Clone();
            return result;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            return new AuthorizerPolicy(false, false);
        }
    }

    /// <summary><c>requestContext.authorizer</c>: the context, <c>principalId</c> and <c>integrationLatency</c> at one level.</summary>
    public Dictionary<string, JsonElement> Context(long integrationLatencyMilliseconds) => new(values, StringComparer.Ordinal)
    {
        ["integrationLatency"] = JsonSerializer.SerializeToElement(integrationLatencyMilliseconds, AuthorizationJsonContext.Default.Int64),
    };

    private static bool Covers(JsonElement statement, string methodArn) =>
        statement.TryGetProperty("Resource", out var resource) && Strings(resource).Any(pattern => Matches(pattern, methodArn))
        && statement.TryGetProperty("Action", out var action) && Strings(action).Any(name => Matches(name, "execute-api:Invoke"));

    private static IEnumerable<string> Strings(JsonElement value) => value.ValueKind == JsonValueKind.Array
        ? value.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.String).Select(item => item.GetString()!)
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!] : [];

    // IAM wildcards: '*' any run of characters, '?' one character.
    private static bool Matches(string pattern, string value) =>
        Regex.IsMatch(value, "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
}

/// <summary>Source-generated JSON for values the gateway adds to <c>requestContext.authorizer</c>.</summary>
[JsonSerializable(typeof(long))]
internal sealed partial class AuthorizationJsonContext : JsonSerializerContext;
