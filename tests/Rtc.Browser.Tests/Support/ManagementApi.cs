using Rtc.Local.Hosting;

namespace Rtc.Browser.Tests.Support;

/// <summary>The gateway's management API as a backend calls it (the gateway runs without signature checks here).</summary>
public static class ManagementApi
{
    private static readonly HttpClient Http = new();

    /// <summary><c>DELETE @connections/{id}</c> of the newest open connection: the gateway closes it.</summary>
    public static async Task DeleteNewestConnectionAsync(LocalGateway gateway)
    {
        var newest = gateway.Connections.All.MaxBy(connection => connection.ConnectedAt)
            ?? throw new InvalidOperationException("No connection is open.");
        using var response = await Http.DeleteAsync($"{gateway.ManagementEndpoint}/@connections/{Uri.EscapeDataString(newest.ConnectionId)}");
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }
}
