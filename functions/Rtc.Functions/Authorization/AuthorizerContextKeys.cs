namespace Rtc.Functions.Authorization;

/// <summary>
/// Keys of the context map the authorizer returns. API Gateway flattens them into the <c>$connect</c> event's
/// <c>requestContext.authorizer</c>, next to <c>principalId</c>.
/// </summary>
public static class AuthorizerContextKeys
{
    /// <summary>The verified user id.</summary>
    public const string UserId = "userId";
}
