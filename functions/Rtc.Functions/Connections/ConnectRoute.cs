using Rtc.Functions.Contracts;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// <c>$connect</c>: stores the connection under its user, or refuses the handshake without writing anything.
/// </summary>
public sealed class ConnectRoute(IConnectionStore store, ConnectUserResolver users, TimeProvider clock)
{
    /// <summary>The subprotocol this service speaks; browsers offer it next to their token.</summary>
    public const string Subprotocol = "rtc";

    /// <summary>The handshake header that offers and accepts subprotocols.</summary>
    public const string SubprotocolHeader = "Sec-WebSocket-Protocol";

    /// <summary>
    /// Stores the connection: 200 when stored; 400 (or 401 when a token is required) without a user; 400 for a
    /// user id over <see cref="ConnectUserResolver.MaxUserIdLength"/> characters; 500 when the connection id is
    /// already stored (API Gateway never reuses an id, so the existing row is kept and the client reconnects
    /// with a fresh one).
    /// </summary>
    public async Task<RouteResult> HandleAsync(WebSocketRequest request, string connectionId, CancellationToken cancellationToken = default)
    {
        var userId = users.UserOf(request);
        if (string.IsNullOrWhiteSpace(userId))
        {
            var status = users.MissingUserStatus;
            return new RouteResult(RouteResult.Status(status, status == 401 ? "Unauthorized" : $"{ConnectUserResolver.UserIdQueryParameter} is required"), "refused");
        }

        if (userId.Length > ConnectUserResolver.MaxUserIdLength)
        {
            return new RouteResult(RouteResult.Status(400, $"user id is longer than {ConnectUserResolver.MaxUserIdLength} characters"), "refused");
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

    /// <summary>
    /// Accepts <see cref="Subprotocol"/> when the client offered it (e.g. <c>rtc, &lt;token&gt;</c>): a browser
    /// that offered subprotocols drops a handshake that accepts none.
    /// </summary>
    private static Dictionary<string, string>? SubprotocolHeaders(WebSocketRequest request)
    {
        var offered = request.Headers?.FirstOrDefault(header => string.Equals(header.Key, SubprotocolHeader, StringComparison.OrdinalIgnoreCase)).Value;
        var offersRtc = offered?.Split(',', StringSplitOptions.TrimEntries).Contains(Subprotocol, StringComparer.Ordinal) ?? false;
        return offersRtc ? new Dictionary<string, string> { [SubprotocolHeader] = Subprotocol } : null;
    }
}
