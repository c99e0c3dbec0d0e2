namespace Rtc.Stack.Infrastructure;

/// <summary>Every AWS service principal the stack trusts or lets invoke a function, named once.</summary>
internal static class ServicePrincipals
{
    /// <summary>API Gateway: invokes the functions, and assumes the account's CloudWatch Logs role.</summary>
    public const string ApiGateway = "apigateway.amazonaws.com";

    /// <summary>Lambda: assumes each function's execution role.</summary>
    public const string Lambda = "lambda.amazonaws.com";

    /// <summary>EventBridge: invokes the publisher from the optional rule.</summary>
    public const string Events = "events.amazonaws.com";
}
