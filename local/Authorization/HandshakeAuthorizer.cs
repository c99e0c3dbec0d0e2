using System.Text.Json;
using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Hosting;

namespace Rtc.Local.Authorization;

/// <summary>
/// API Gateway's Lambda REQUEST authorizer on <c>$connect</c>: refuses with 401 when the identity source is
/// missing (without invoking the authorizer) or the authorizer says <c>Unauthorized</c>, with 403 when its policy
/// does not allow this route, with 500 when it fails; otherwise hands back the context for <c>requestContext.authorizer</c>.
/// </summary>
/// <param name="invoker">Runs the authorizer function.</param>
/// <param name="region">The region in the route's ARN.</param>
/// <param name="clock">Measures <c>integrationLatency</c>.</param>
/// <param name="logger">Where refusals are logged.</param>
internal sealed class HandshakeAuthorizer(FunctionInvoker invoker, string region, TimeProvider clock, FunctionLogger logger)
{
    // API Gateway's contract for any Lambda authorizer: failing with exactly this message is a 401. (The project's
    // own authorizer refuses with a Deny instead, so that refusals are not invocation errors.)
    private const string UnauthorizedErrorMessage = "Unauthorized";

    /// <summary>Decides whether the <c>$connect</c> described by <paramref name="connect"/> may proceed.</summary>
    public async Task<AuthorizerDecision> AuthorizeAsync(WebSocketRequest connect, CancellationToken cancellationToken = default)
    {
        // The identity source is the token query parameter or the subprotocol header: API Gateway refuses a
        // request carrying neither with 401 and never calls the authorizer.
        if (connect.QueryStringParameters?.GetValueOrDefault(Handshake.TokenQueryParameter) is not { Length: > 0 }
            && connect.Header(Handshake.SubprotocolHeader) is not { Length: > 0 })
        {
            return Refused(connect, 401, "identity source missing");
        }

        var context = connect.RequestContext;
        var methodArn = $"arn:aws:execute-api:{region}:{FunctionInvoker.AccountId}:{context.ApiId}/{context.Stage}/{context.RouteKey}";
        var started = clock.GetTimestamp();
        var outcome = await invoker.InvokeAsync(HandlerNames.Authorizer, AuthorizerEvent(connect, methodArn), cancellationToken);
        var latency = (long)clock.GetElapsedTime(started).TotalMilliseconds;
        if (!outcome.Succeeded)
        {
            // Lambda authorizers refuse by failing with the message "Unauthorized"; any other failure is a 500.
            return Refused(connect, outcome.ErrorMessage == UnauthorizedErrorMessage ? 401 : 500, outcome.ErrorType ?? "error");
        }

        return AuthorizerPolicy.Read(outcome.Response, methodArn) switch
        {
            { IsValid: false } => Refused(connect, 500, "malformed authorizer response"),
            { Allowed: false } => Refused(connect, 403, "policy denies"),
            var policy => AuthorizerDecision.Allow(policy.Context(latency)),
        };
    }

    private AuthorizerDecision Refused(WebSocketRequest connect, int status, string reason)
    {
        logger.Write(LogSeverity.Info, "authorizer refused", ("connectionId", connect.RequestContext.ConnectionId), ("status", status), ("reason", reason));
        return AuthorizerDecision.Refuse(status);
    }

    private static string AuthorizerEvent(WebSocketRequest connect, string methodArn)
    {
        var node = JsonSerializer.SerializeToNode(connect, ContractsJsonContext.Default.WebSocketRequest)!.AsObject();
        node.Remove("body");
        node.Remove("isBase64Encoded");
        node["type"] = "REQUEST";
        node["methodArn"] = methodArn;
        node["stageVariables"] ??= new JsonObject();
        return System.Text.Encoding.UTF8.GetString(JsonOutput.Write(writer => node.WriteTo(writer)));
    }
}

/// <summary>What the <c>$connect</c> authorizer decided: refuse with a status, or allow with <c>requestContext.authorizer</c>.</summary>
/// <param name="RefusalStatus">The handshake status when refused (401, 403 or 500); null when allowed.</param>
/// <param name="Context">When allowed: <c>principalId</c> and the returned context, flattened, plus <c>integrationLatency</c>.</param>
internal sealed record AuthorizerDecision(int? RefusalStatus, Dictionary<string, JsonElement>? Context)
{
    public static AuthorizerDecision Refuse(int status) => new(status, null);

    public static AuthorizerDecision Allow(Dictionary<string, JsonElement> context) => new(null, context);
}
