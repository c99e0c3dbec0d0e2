using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Local.WebSockets;

/// <summary>
/// API Gateway's route selection with <c>$request.body.action</c> over <see cref="WebSocketRoutes.All"/>:
/// a JSON object whose <c>action</c> names a deployed message route goes there; anything else to <c>$default</c>.
/// </summary>
internal static class RouteSelector
{
    /// <summary>The route key for a text message.</summary>
    public static string Select(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("action", out var action)
                && action.ValueKind == JsonValueKind.String
                && action.GetString() is { } routeKey
                && routeKey is not (WebSocketRoutes.Connect or WebSocketRoutes.Disconnect)
                && WebSocketRoutes.All.Contains(routeKey, StringComparer.Ordinal))
            {
                return routeKey;
            }
        }
        catch (JsonException)
        {
            // Not JSON: API Gateway falls back to $default.
        }

        return WebSocketRoutes.Default;
    }
}
