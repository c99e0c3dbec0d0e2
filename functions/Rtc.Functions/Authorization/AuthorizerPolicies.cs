namespace Rtc.Functions.Authorization;

/// <summary>Builds the authorizer's answers, so the policy shape is written once.</summary>
internal static class AuthorizerPolicies
{
    // Denying everything is the safe resource when the event names none.
    private const string AnyResource = "*";

    /// <summary>
    /// Allow (or Deny) <c>execute-api:Invoke</c> on <paramref name="methodArn"/> alone, for <paramref name="userId"/>,
    /// with the user id in the context the <c>$connect</c> integration receives.
    /// </summary>
    public static AuthorizerResponse For(string userId, string? methodArn, bool allow) => new()
    {
        PrincipalId = userId,
        PolicyDocument = new PolicyDocument
        {
            Statement =
            [
                new PolicyStatement
                {
                    Effect = allow ? PolicyStatement.Allow : PolicyStatement.Deny,
                    Resource = methodArn ?? AnyResource,
                },
            ],
        },
        Context = allow ? new Dictionary<string, string> { [AuthorizerContextKeys.UserId] = userId } : null,
    };
}
