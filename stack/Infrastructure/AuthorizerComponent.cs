using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// The <c>$connect</c> authorizer: a REQUEST authorizer backed by the authorizer function (whose role may only
/// write its own logs), with an invoke permission scoped to this API's authorizer.
/// </summary>
/// <remarks>
/// API Gateway refuses the handshake with 401, without invoking the authorizer, unless every identity source
/// is present. Listing both the query parameter and the subprotocol header would demand both, so the stack
/// lists exactly one, chosen by <c>authTokenSource</c>; the authorizer itself accepts either form.
/// </remarks>
internal static class AuthorizerComponent
{
    /// <summary>The config key that holds the HS256 secret, referenced (never inlined) by the template.</summary>
    public static string SecretReference => Fn.Ref(ProjectConfig.AuthHs256Secret.Name);

    /// <summary>Declares the authorizer function, the authorizer and its invoke permission.</summary>
    public static ConnectAuthorizer Declare(StackTemplate template, StackSettings settings, WebSocketApi webSocket)
    {
        var auth = settings.Auth;
        var environment = new JsonObject
        {
            [EnvironmentVariables.AuthIssuer] = auth.Issuer,
            [EnvironmentVariables.AuthAudience] = auth.Audience,
            [EnvironmentVariables.AuthUserClaim] = auth.UserClaim,
        };
        if (auth.UsesHs256Secret)
        {
            environment[EnvironmentVariables.AuthHs256Secret] = Fn.Secret(SecretReference);
        }
        else
        {
            environment[EnvironmentVariables.AuthJwksUrl] = auth.JwksUrl;
        }

        var function = LambdaFunctionComponent.Declare(template, settings,
            new FunctionSpec(HandlerNames.Authorizer, environment, Grants: []));

        var authorizer = template.Resource("connect-authorizer", "aws:apigatewayv2/authorizer:Authorizer", new JsonObject
        {
            ["apiId"] = webSocket.Api.Id,
            ["name"] = Naming.Physical("authorizer"),
            ["authorizerType"] = "REQUEST",
            ["authorizerUri"] = function.Function.Output("invokeArn"),
            ["identitySources"] = new JsonArray(
                auth.TokenSource == TokenSource.Query ? Handshake.TokenQueryIdentitySource : Handshake.SubprotocolIdentitySource),
        });

        template.Resource("authorizer-invoke-permission", "aws:lambda/permission:Permission", new JsonObject
        {
            ["action"] = IamActions.LambdaInvokeFunction,
            ["function"] = function.Function.Name,
            ["principal"] = ServicePrincipals.ApiGateway,
            ["sourceArn"] = $"{webSocket.Api.Output("executionArn")}/authorizers/{authorizer.Id}",
        });

        return new ConnectAuthorizer(authorizer, function.Function);
    }
}

/// <summary>The <c>$connect</c> authorizer and the function behind it.</summary>
internal sealed record ConnectAuthorizer(ResourceRef Authorizer, ResourceRef Function);
