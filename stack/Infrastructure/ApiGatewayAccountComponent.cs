using System.Text.Json.Nodes;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// API Gateway's account settings for this account and region (<c>manageApiGatewayAccount</c>): a role that API
/// Gateway assumes, with AWS's managed policy for pushing logs, set as the account's CloudWatch Logs role. A
/// stage with access logging fails to create in an account and region where that role was never set.
/// </summary>
/// <remarks>
/// The setting is a singleton: every stack that declares it overwrites the others, so only one stack per account
/// and region may turn it on. With provider 7.x, deleting the <c>Account</c> resource (destroying the stack, or
/// turning the key off) clears the setting for the whole region.
/// </remarks>
internal static class ApiGatewayAccountComponent
{
    /// <summary>AWS's managed policy that lets API Gateway create log groups and streams and write events.</summary>
    public const string PushToCloudWatchLogsPolicy = "service-role/AmazonAPIGatewayPushToCloudWatchLogs";

    /// <summary>Declares the role, its managed policy and the account setting; the stage depends on the result.</summary>
    public static ResourceRef Declare(StackTemplate template)
    {
        var partition = template.Variable("partition", Fn.Invoke("aws:index/getPartition:getPartition", "partition"));

        var role = template.Resource("apigateway-logs-role", "aws:iam/role:Role", new JsonObject
        {
            ["name"] = Naming.Physical("apigw-logs"),
            ["assumeRolePolicy"] = Policies.TrustService(ServicePrincipals.ApiGateway),
            ["tags"] = Tags.Standard(),
        });

        var attachment = template.Resource("apigateway-logs-policy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment", new JsonObject
        {
            ["role"] = role.Name,
            ["policyArn"] = Policies.AwsManagedPolicyArn(partition, PushToCloudWatchLogsPolicy),
        });

        // API Gateway checks the role when the setting changes, so the policy is attached first.
        return template.Resource("apigateway-account", "aws:apigateway/account:Account", new JsonObject
        {
            ["cloudwatchRoleArn"] = role.Arn,
        },
        new ResourceOptions(DependsOn: [attachment]));
    }
}
