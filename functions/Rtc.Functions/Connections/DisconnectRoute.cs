using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary><c>$disconnect</c>: deletes the connection's row; a row already gone is still success.</summary>
public sealed class DisconnectRoute(IConnectionStore store)
{
    /// <summary>Removes the row and answers 200 (API Gateway ignores the response: the socket is closed).</summary>
    public async Task<RouteResult> HandleAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        await store.RemoveAsync(connectionId, cancellationToken);
        return new RouteResult(RouteResult.Status(200), "disconnected");
    }
}
