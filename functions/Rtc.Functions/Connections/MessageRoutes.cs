using System.Text.Json;
using Rtc.Functions.Contracts;

namespace Rtc.Functions.Connections;

/// <summary>
/// The message route <c>$default</c>: tells the client what was wrong with its message, through the management API
/// (the route has no route response), and never throws on input. (API Gateway answers <c>ping</c> itself.)
/// </summary>
public sealed class MessageRoutes(ReplySender replies)
{
    /// <summary>The longest action echoed back in <c>unknown_action</c>; longer ones are cut, so a reply stays small.</summary>
    public const int MaxEchoedActionLength = 256;

    /// <summary><c>$default</c>: replies <c>invalid_json</c> or <c>unknown_action</c>.</summary>
    public async Task<RouteResult> DefaultAsync(WebSocketRequest request, string connectionId, CancellationToken cancellationToken = default)
    {
        var error = ErrorFor(request);
        var reply = await replies.SendAsync(connectionId, error, cancellationToken);
        return new RouteResult(RouteResult.Status(200), error.Error!, Reply: reply);
    }

    private static ClientReply ErrorFor(WebSocketRequest request)
    {
        if (request.IsBase64Encoded || request.Body is null)
        {
            return ClientReply.InvalidJson;
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return ClientReply.InvalidJson;
            }

            var action = document.RootElement.TryGetProperty("action", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : "";
            return ClientReply.UnknownAction(action.Length > MaxEchoedActionLength ? action[..MaxEchoedActionLength] : action);
        }
        catch (JsonException)
        {
            return ClientReply.InvalidJson;
        }
    }
}
