using Rtc.Contracts;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// <c>$connect</c>: stores the connection under its user, or refuses the handshake without writing anything.
/// </summary>
public sealed class ConnectRoute(IConnectionStore store, ConnectUserResolver users, TimeProvider clock)
{
    /// <summary>
    /// Stores the connection: 200 when stored; 400 (or 401 when a token is required) without a user; 400 for a
    /// user id over <see cref="UserIdRules.MaximumLength"/> characters; 500 when the connection id is
    /// already stored (API Gateway never reuses an id, so the existing row is kept and the client reconnects
    /// with a fresh one).
    /// </summary>
    public async Task<RouteResult> HandleAsync(WebSocketRequest request, string connectionId, CancellationToken cancellationToken = default)
    {
        var userId = users.UserOf(request);
        if (!UserIdRules.IsPresent(userId))
        {
            var status = users.MissingUserStatus;
            return new RouteResult(RouteResult.Status(status, status == 401 ? "Unauthorized" : $"{Handshake.UserIdQueryParameter} is required"), "refused");
        }

        if (!UserIdRules.IsValid(userId))
        {
            return new RouteResult(RouteResult.Status(400, $"user id is longer than {UserIdRules.MaximumLength} characters"), "refused");
        }

        var context = request.RequestContext;
        // API Gateway's own connection time, so the row expires relative to its 2-hour maximum.
        var connectedAt = context.ConnectedAt > 0 ? DateTimeOffset.FromUnixTimeMilliseconds(context.ConnectedAt) : clock.GetUtcNow();
        var connection = new Connection(
            connectionId,
            userId,
            connectedAt,
            connectedAt + ConnectionTableSchema.RowLifetime,
            context.Identity?.SourceIp,
            context.Identity?.UserAgent);
        if (!await store.AddAsync(connection, cancellationToken))
        {
            return new RouteResult(RouteResult.Status(500, "duplicate connection id"), "duplicate", userId);
        }

        return new RouteResult(new WebSocketResponse { StatusCode = 200, Headers = SubprotocolHeaders(request) }, "connected", userId);
    }

    /// <summary>Accepts <see cref="Handshake.Subprotocol"/> when the client offered it (e.g. <c>rtc, &lt;token&gt;</c>).</summary>
    private static Dictionary<string, string>? SubprotocolHeaders(WebSocketRequest request)
    {
        var offered = request.Header(Handshake.SubprotocolHeader);
        var offersRtc = offered?.Split(',', StringSplitOptions.TrimEntries).Contains(Handshake.Subprotocol, StringComparer.Ordinal) ?? false;
        return offersRtc ? new Dictionary<string, string> { [Handshake.SubprotocolHeader] = Handshake.Subprotocol } : null;
    }
}
