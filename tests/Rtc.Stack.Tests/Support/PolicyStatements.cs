namespace Rtc.Stack.Tests.Support;

/// <summary>The IAM statements the program writes, read back out of a template.</summary>
internal static class PolicyStatements
{
    /// <summary>One statement: whose policy it is, its actions and its resource.</summary>
    public sealed record Statement(string Policy, IReadOnlyList<string> Actions, string Resource);

    /// <summary>Every statement of every role policy in the template.</summary>
    public static IReadOnlyList<Statement> All(JsonObject template) =>
        [.. template.OfType("aws:iam/rolePolicy:RolePolicy").SelectMany(policy => Of(template, policy))];

    /// <summary>The statements of one role policy.</summary>
    public static IReadOnlyList<Statement> Of(JsonObject template, string policyName)
    {
        var document = template.Properties(policyName)["policy"]!["fn::toJSON"]!;
        return
        [
            .. document["Statement"]!.AsArray().Select(statement => new Statement(
                policyName,
                [.. statement!["Action"]!.AsArray().Select(action => (string)action!)],
                (string)statement["Resource"]!)),
        ];
    }
}
