using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// <c>RTC_HANDLER=connections</c>: every WebSocket route's Lambda proxy event in, the integration response out,
/// and one JSON log line per invocation (route, connection, user, outcome, <c>durationMs</c>; never bodies or tokens).
/// </summary>
public sealed class ConnectionsHandler : IInvocationHandler
{
    /// <summary>The <see cref="InvocationException.ErrorType"/> of an event that is not a WebSocket proxy event.</summary>
    public const string InvalidEventErrorType = "InvalidWebSocketEvent";

    private readonly ConnectRoute connect;
    private readonly DisconnectRoute disconnect;
    private readonly DefaultRoute defaultRoute;
    private readonly ResumeRoute resume;
    private readonly TimeProvider clock;
    private readonly FunctionLogger logger;

    /// <summary>
    /// A handler over <paramref name="store"/> and <paramref name="history"/> (null: history off), replying through
    /// <paramref name="management"/> (built on first reply).
    /// </summary>
    public ConnectionsHandler(
        IConnectionStore store, IHistoryStore? history, Lazy<IManagementApi> management, ConnectUserResolver users, TimeProvider clock, FunctionLogger logger)
    {
        var replies = new ReplySender(management, store, logger);
        connect = new ConnectRoute(store, users, clock);
        disconnect = new DisconnectRoute(store);
        defaultRoute = new DefaultRoute(replies);
        resume = new ResumeRoute(store, new ResumeResponder(history, clock), replies);
        this.clock = clock;
        this.logger = logger;
    }

    /// <summary>
    /// The handler for a Lambda process. Reads <c>RTC_AUTH</c> and builds the stores now, so a bad setting, a
    /// missing <c>TABLE_NAME</c> or an invalid <c>RTC_HISTORY_SECONDS</c> is an init error rather than a failure on
    /// the first connection.
    /// </summary>
    public static ConnectionsHandler FromServices(FunctionServices services) => new(
        services.Store.Value,
        services.History.Value,
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
                WebSocketRoutes.Resume => await resume.HandleAsync(request, connectionId, cancellationToken),
                // $default, and any route key this version does not know: the client named no action we serve.
                _ => await defaultRoute.HandleAsync(request, connectionId, cancellationToken),
            };
        }
        catch (Exception exception)
        {
            // The same errorType the runtime loop reports to Lambda for this exception.
            Log(LogSeverity.Error, request, context, null, "error", started, [("errorType", RuntimeError.From(exception).ErrorType)]);
            throw;
        }

        var level = result.Response.StatusCode switch
        {
            >= 500 => LogSeverity.Error,
            >= 400 => LogSeverity.Warn,
            _ => LogSeverity.Info,
        };
        Log(level, request, context, result.UserId, result.Outcome, started, [("reply", result.Reply), .. result.Details ?? []]);
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

    private void Log(LogSeverity level, WebSocketRequest request, InvocationContext context, string? userId, string outcome, long started,
        IReadOnlyList<(string Name, object? Value)> details)
    {
        var requestContext = request.RequestContext;
        var fields = new List<(string Name, object? Value)>
        {
            ("requestId", context.RequestId),
            ("route", requestContext.RouteKey),
            ("connectionId", requestContext.ConnectionId),
            ("userId", userId),
            ("outcome", outcome),
            (FunctionLogger.DurationField, clock.GetElapsedTime(started).TotalMilliseconds),
        };
        fields.AddRange(details.Where(detail => detail.Value is not null));

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
/// <param name="Reply">For routes that answer the sender: what the management API made of the (last) reply.</param>
/// <param name="Details">More fields for the log line, e.g. how many messages a resume replayed.</param>
public sealed record RouteResult(
    WebSocketResponse Response, string Outcome, string? UserId = null, string? Reply = null, IReadOnlyList<(string Name, object? Value)>? Details = null)
{
    /// <summary>A response with <paramref name="statusCode"/> and an optional short plain-text body.</summary>
    public static WebSocketResponse Status(int statusCode, string? body = null) => new() { StatusCode = statusCode, Body = body };
}
