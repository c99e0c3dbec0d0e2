using Rtc.Contracts;
using Rtc.Local.Authorization;
using Rtc.Local.Configuration;
using Rtc.Local.Demo;
using Rtc.Local.Http;
using Rtc.Local.Lambda;
using Rtc.Local.Management;
using Rtc.Local.WebSockets;

namespace Rtc.Local.Hosting;

/// <summary>
/// The gateway's routes: the WebSocket API, the management API, Lambda's Invoke API, and its own under
/// <c>/@local</c> (the demo page, the client's configuration, unsigned publishing, development tokens).
/// </summary>
internal static class GatewayEndpoints
{
    /// <summary>Maps every route of the gateway for <paramref name="options"/>; anything else answers 403.</summary>
    public static IEndpointRouteBuilder MapLocalGateway(this IEndpointRouteBuilder endpoints, GatewayOptions options)
    {
        endpoints.Map("/{stage}", (HttpContext http, string stage, WebSocketEndpoint webSockets) =>
            stage == options.Stage && WebSocketHandshake.IsAttempt(http.Request) ? webSockets.HandleAsync(http) : ForbiddenAsync(http));

        // The route only selects the endpoint: the stage and connection id are read from the raw path, decoded
        // exactly once, because routing sees Kestrel's decoded path, which keeps an encoded '/' of a base64 id
        // as "%2F" and has already decoded everything else (and SigV4 signs the path as it was on the wire).
        endpoints.Map("/{stage}/@connections/{connectionId}", (HttpContext http, ManagementApiEndpoint management) =>
            RawPath.Segments(http) is [var stage, _, var connectionId] ? management.HandleAsync(http, stage, connectionId) : ForbiddenAsync(http));

        endpoints.MapPost("/2015-03-31/functions/{functionName}/invocations", (HttpContext http, string functionName, InvokeEndpoint invoke) => invoke.HandleAsync(http, functionName));
        if (options.Auth == AuthMode.Jwt)
        {
            endpoints.MapGet(LocalRoutes.Token, (HttpContext http, TokenEndpoint tokens) => tokens.HandleAsync(http));
        }

        foreach (var path in DemoAssets.Paths)
        {
            endpoints.MapGet(path, DemoAssets.WriteAsync);
        }

        endpoints.MapGet(LocalRoutes.ClientConfig, (HttpContext http, ClientConfigEndpoint clientConfig) => clientConfig.HandleAsync(http));
        endpoints.MapPost(LocalRoutes.Publish, (HttpContext http, PublishEndpoint publish) => publish.HandleAsync(http));

        // API Gateway answers any other path, method or stage with 403.
        endpoints.MapFallback("/{**path}", ForbiddenAsync);
        return endpoints;
    }

    private static Task ForbiddenAsync(HttpContext http) =>
        AwsErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden", http.RequestAborted);
}
