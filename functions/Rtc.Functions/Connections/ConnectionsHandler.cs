using System.Text.Json;
using Rtc.Functions.Composition;
using Rtc.Functions.Contracts;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Routing;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// <c>RTC_HANDLER=connections</c>: every WebSocket route's Lambda proxy event in, the integration response out,
/// and one JSON log line per invocation (route, connection, user, outcome, milliseconds; never bodies or tokens).
/// </summary>
public sealed class ConnectionsHandler : IInvocationHandler
{
    /// <summary>The <see cref="InvocationException.ErrorType"/> of an event that is not a WebSocket proxy event.</summary>
    public const string InvalidEventErrorType = "InvalidWebSocketEvent";

    private readonly ConnectRoute connect;
    private readonly DisconnectRoute disconnect;
    private readonly MessageRoutes messages;
    private readonly TimeProvider clock;
    private readonly FunctionLogger logger;

    /// <summary>A handler over <paramref name="store"/>, replying through <paramref name="management"/> (built on first reply).</summary>
    public ConnectionsHandler(IConnectionStore store, Lazy<IManagementApi> management, ConnectUserResolver users, TimeProvider clock, FunctionLogger logger)
    {
        connect = new ConnectRoute(store, users, clock);
        disconnect = new DisconnectRoute(store);
        messages = new MessageRoutes(new ReplySender(management, store, logger));
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>
    /// The handler for a Lambda process. Reads <c>RTC_AUTH</c> and builds the store now, so a bad setting or a
    /// missing <c>TABLE_NAME</c> is an init error rather than a failure on the first connection.
    /// </summary>
    public static ConnectionsHandler Create(FunctionServices services) => new(
        services.Store.Value,
        services.Management,
        ConnectUserResolver.FromEnvironment(services.Environment),
        services.Clock,
        services.Logger);

    /// <inheritdoc />
    public async Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
    {
        var request = Parse(eventJson);
        var route = request.RequestContext.RouteKey!;
        var connectionId = request.RequestContext.ConnectionId!;
        var started = clock.GetTimestamp();
        RouteResult result;
        try
        {
            result = route switch
            {
                WebSocketRoutes.Connect => await connect.HandleAsync(request, connectionId, cancellationToken),
                WebSocketRoutes.Disconnect => await disconnect.HandleAsync(connectionId, cancellationToken),
                // $default, and any route key this version does not know: the client named no action we serve.
                _ => await messages.DefaultAsync(request, connectionId, cancellationToken),
            };
        }
        catch (Exception exception)
        {
            Log(LogSeverity.Error, request, context, null, "error", started, ("errorType", exception.GetType().Name));
            throw;
        }

        var level = result.Response.StatusCode switch
        {
            >= 500 => LogSeverity.Error,
            >= 400 => LogSeverity.Warn,
            _ => LogSeverity.Info,
        };
        Log(level, request, context, result.UserId, result.Outcome, started, ("reply", result.Reply));
        return JsonOutput.Serialize(result.Response, ContractsJsonContext.Default.WebSocketResponse);
    }

    private static WebSocketRequest Parse(string eventJson)
    {
        WebSocketRequest? request;
        try
        {
            request = JsonSerializer.Deserialize(eventJson, ContractsJsonContext.Default.WebSocketRequest);
        }
        catch (JsonException exception)
        {
            throw new InvocationException(InvalidEventErrorType, $"The event is not valid API Gateway WebSocket JSON: {exception.Message}");
        }

        // The JSON may say "requestContext": null, whatever the annotations promise.
        if (request?.RequestContext is not { RouteKey.Length: > 0, ConnectionId.Length: > 0 })
        {
            throw new InvocationException(InvalidEventErrorType, "The event has no requestContext.routeKey or requestContext.connectionId.");
        }

        return request;
    }

    private void Log(LogSeverity level, WebSocketRequest request, InvocationContext context, string? userId, string outcome, long started, (string Name, object? Value) detail)
    {
        var requestContext = request.RequestContext;
        var fields = new List<(string Name, object? Value)>
        {
            ("requestId", context.RequestId),
            ("route", requestContext.RouteKey),
            ("connectionId", requestContext.ConnectionId),
            ("userId", userId),
            ("outcome", outcome),
            ("durationMs", clock.GetElapsedTime(started).TotalMilliseconds),
        };
        if (detail.Value is not null)
        {
            fields.Add(detail);
        }

        if (requestContext.RouteKey == WebSocketRoutes.Disconnect)
        {
            fields.Add(("closeCode", requestContext.DisconnectStatusCode));
            fields.Add(("closeReason", requestContext.DisconnectReason));
        }

        logger.Write(level, "invocation", [.. fields]);
    }
}

/// <summary>What one route made of an event: the integration response and what the log line says about it.</summary>
/// <param name="Response">Returned to API Gateway.</param>
/// <param name="Outcome">A short fixed word for the log, e.g. <c>connected</c> or <c>refused</c>.</param>
/// <param name="UserId">The user, when the route knows it.</param>
/// <param name="Reply">For routes that answer the sender: what the management API made of the reply.</param>
public sealed record RouteResult(WebSocketResponse Response, string Outcome, string? UserId = null, string? Reply = null)
{
    /// <summary>A response with <paramref name="statusCode"/> and an optional short plain-text body.</summary>
    public static WebSocketResponse Status(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };
}
