using System.Text.RegularExpressions;

namespace Rtc.Stack.Tests.Support;

/// <summary>
/// The <c>$context</c> variables API Gateway documents for WebSocket access logs
/// (<c>stack/schema/websocket-access-log-variables.txt</c>), and the check of a format against them.
/// </summary>
internal static partial class AccessLogVariables
{
    /// <summary>The data file, relative to the repository root.</summary>
    public const string FilePath = "stack/schema/websocket-access-log-variables.txt";

    // The page's one pattern entry: any key of the authorizer's context map.
    private const string PropertyEntry = "$context.authorizer.{property}";

    private static readonly Lazy<HashSet<string>> Documented = new(() => File.ReadLines(RepositoryPaths.PathOf(FilePath))
        .Where(line => line.Length > 0 && !line.StartsWith('#'))
        .ToHashSet(StringComparer.Ordinal));

    /// <summary>Every <c>$context</c> variable in an access log format (a <c>fn::toJSON</c> object or a string).</summary>
    public static IReadOnlyList<string> In(JsonNode format) =>
        [.. Strings(format).SelectMany(text => ContextVariable().Matches(text)).Select(match => match.Value)];

    /// <summary>The <c>$context</c> variables in an access log format that are not on the list.</summary>
    public static IReadOnlyList<string> Undocumented(JsonNode format) => [.. In(format).Where(variable => !IsDocumented(variable))];

    private static bool IsDocumented(string variable) =>
        Documented.Value.Contains(variable) || (Documented.Value.Contains(PropertyEntry) && AuthorizerProperty().IsMatch(variable));

    private static IEnumerable<string> Strings(JsonNode node) => node switch
    {
        JsonObject value => value.SelectMany(member => member.Value is null ? [] : Strings(member.Value)),
        JsonArray value => value.SelectMany(item => item is null ? [] : Strings(item)),
        _ => [(string)node!],
    };

    [GeneratedRegex(@"\$context(\.[A-Za-z0-9_]+)+")]
    private static partial Regex ContextVariable();

    [GeneratedRegex(@"^\$context\.authorizer\.[A-Za-z0-9_]+$")]
    private static partial Regex AuthorizerProperty();
}
