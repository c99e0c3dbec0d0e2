using Rtc.Contracts;
using Rtc.Stack.Configuration;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// Physical names are <c>{project}-{stack}-{role}</c>, so that dev and prod coexist in one account. Role and
/// function names must fit IAM's and Lambda's 64 characters; the longest role is the connections function's.
/// </summary>
internal static class Naming
{
    private const int MaxNameLength = 64;

    /// <summary>The physical name of the stack's resource playing <paramref name="role"/>, resolved by Pulumi.</summary>
    public static string Physical(string role) => Physical("${pulumi.project}", "${pulumi.stack}", role);

    /// <summary>Checks that a stack name yields valid physical names.</summary>
    /// <exception cref="StackConfigException">The name is too long or has characters AWS names reject.</exception>
    public static void ValidateStackName(string stackName)
    {
        if (stackName.Length == 0 || !stackName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new StackConfigException(
                $"Stack name '{stackName}' is not usable in AWS names; allowed: letters, digits, '-' and '_'.");
        }

        var longest = Physical(ProjectConfig.ProjectName, stackName, HandlerNames.Connections);
        if (longest.Length > MaxNameLength)
        {
            throw new StackConfigException(
                $"Stack name '{stackName}' is too long: names such as '{longest}' must fit {MaxNameLength} characters; " +
                $"allowed: at most {MaxNameLength - (longest.Length - stackName.Length)} characters.");
        }
    }

    private static string Physical(string project, string stack, string role) => $"{project}-{stack}-{role}";
}
