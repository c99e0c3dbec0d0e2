using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Hosting;

namespace Rtc.Local.WebSockets;

/// <summary>Sends a route's proxy event to the connections function (every route's integration) and logs the route.</summary>
internal sealed class RouteInvoker(FunctionInvoker invoker, FunctionLogger logger)
{
    public async Task<InvocationOutcome> InvokeAsync(WebSocketRequest request, CancellationToken cancellationToken = default)
    {
        var outcome = await invoker.InvokeAsync(
            HandlerNames.Connections, JsonOutput.Serialize(request, ContractsJsonContext.Default.WebSocketRequest), cancellationToken);
        logger.Write(LogSeverity.Info, "route", ("route", request.RequestContext.RouteKey), ("connectionId", request.RequestContext.ConnectionId),
            ("outcome", outcome.Succeeded ? "invoked" : outcome.ErrorType));
        return outcome;
    }
}
