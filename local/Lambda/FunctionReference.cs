using System.Text.RegularExpressions;

namespace Rtc.Local.Lambda;

/// <summary>
/// A function as the Invoke API's <c>FunctionName</c> names it: <c>publisher</c>, <c>publisher:alias</c>, the
/// ARN <c>arn:aws:lambda:us-east-1:000000000000:function:publisher[:qualifier]</c> or the partial ARN
/// <c>000000000000:function:publisher[:qualifier]</c>.
/// </summary>
/// <param name="Name">The function's name.</param>
/// <param name="Region">The region the ARN names; null when the reference has none.</param>
/// <param name="AccountId">The account the ARN names; null when the reference has none.</param>
/// <param name="Qualifier">The version or alias after the name; null when there is none.</param>
internal sealed partial record FunctionReference(string Name, string? Region, string? AccountId, string? Qualifier)
{
    /// <summary>The version every invocation runs: no versions or aliases are published locally.</summary>
    public const string LatestVersion = "$LATEST";

    /// <summary>Reads <paramref name="functionName"/>; null when it fits none of Lambda's name formats.</summary>
    public static FunctionReference? Parse(string functionName) =>
        NameFormats().Match(functionName) is { Success: true } match
            ? new FunctionReference(
                match.Groups["name"].Value,
                NullIfEmpty(match.Groups["region"].Value),
                NullIfEmpty(match.Groups["account"].Value),
                NullIfEmpty(match.Groups["qualifier"].Value))
            : null;

    /// <summary>The function's ARN in <paramref name="region"/> and <paramref name="accountId"/> unless the reference names others, with its qualifier.</summary>
    public string ArnIn(string region, string accountId) =>
        $"arn:aws:lambda:{Region ?? region}:{AccountId ?? accountId}:function:{Name}{(Qualifier is null ? "" : ":" + Qualifier)}";

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    // Lambda's documented FunctionName pattern (API reference, Invoke), with the parts named.
    [GeneratedRegex(@"^(arn:(aws[a-zA-Z-]*)?:lambda:)?((?<region>[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\d{1}):)?((?<account>\d{12}):)?(function:)?(?<name>[a-zA-Z0-9-_\.]+)(:(?<qualifier>\$LATEST(\.PUBLISHED)?|[a-zA-Z0-9-_]+))?$")]
    private static partial Regex NameFormats();
}
