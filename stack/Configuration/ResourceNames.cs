namespace Rtc.Stack.Configuration;

/// <summary>
/// Physical names are <c>{project}-{stack}-{role}</c> so that dev and prod coexist in one account. Role and
/// function names (suffix at most <c>-connections</c>) must fit IAM's and Lambda's 64-character limits.
/// </summary>
internal static class ResourceNames
{
    /// <summary>The longest role or function name suffix the stack appends: <c>-connections</c>.</summary>
    private const int LongestSuffix = 12;

    /// <summary>Checks that a stack name yields valid physical names.</summary>
    /// <exception cref="StackConfigException">The name is too long or has characters AWS names reject.</exception>
    public static void Validate(string stackName)
    {
        if (stackName.Length == 0 || !stackName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new StackConfigException(
                $"Stack name '{stackName}' is not usable in AWS names; allowed: letters, digits, '-' and '_'.");
        }

        var longest = ProjectConfig.ProjectName.Length + 1 + stackName.Length + LongestSuffix;
        if (longest > 64)
        {
            throw new StackConfigException(
                $"Stack name '{stackName}' is too long: names such as '{ProjectConfig.ProjectName}-{stackName}-connections' " +
                $"must fit 64 characters; allowed: at most {64 - ProjectConfig.ProjectName.Length - 1 - LongestSuffix} characters.");
        }
    }
}
