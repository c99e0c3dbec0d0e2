using System.Text.Json;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Parses <c>PULUMI_CONFIG</c>, the JSON object the YAML language host passes to the compiler
/// (<c>{"rtc-pulumi:key": "value", "aws:region": "..."}</c>). Values become their text: strings as they are,
/// numbers and booleans as written, objects and arrays as JSON.
/// </summary>
internal static class PulumiConfigParser
{
    /// <summary>Parses the variable's value; null or blank means no config.</summary>
    /// <exception cref="StackConfigException">The value is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string? json)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(json))
        {
            return result;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new StackConfigException("PULUMI_CONFIG is not a JSON object; allowed: {\"<namespace>:<key>\": value, ...}.");
            }

            foreach (var property in document.RootElement.EnumerateObject())
            {
                result[property.Name] = property.Value.ValueKind == JsonValueKind.String
                    ? property.Value.GetString()!
                    : property.Value.GetRawText();
            }
        }
        catch (JsonException)
        {
            throw new StackConfigException("PULUMI_CONFIG is not valid JSON; allowed: {\"<namespace>:<key>\": value, ...}.");
        }

        return result;
    }
}
