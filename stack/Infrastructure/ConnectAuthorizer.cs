using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>The <c>$connect</c> authorizer and the function behind it.</summary>
/// <param name="Authorizer">The API Gateway authorizer.</param>
/// <param name="Function">The authorizer function.</param>
internal sealed record ConnectAuthorizer(ResourceRef Authorizer, ResourceRef Function);
