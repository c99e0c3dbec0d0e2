using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Functions.Connections;

/// <summary>
/// The message route <c>$default</c>: tells the client what was wrong with its message, through the management API
/// (the route has no route response), and never throws on input. (API Gateway answers <c>ping</c> itself.)
/// </summary>
public sealed class DefaultRoute(ReplySender replies)
{
    /// <summary>The longest action echoed back in <c>unknown_action</c>; longer ones are cut, so a reply stays small.</summary>
    public const int MaxEchoedActionLength = 256;

    /// <summary><c>$default</c>: replies <c>invalid_json</c> or <c>unknown_action</c>.</summary>
    public async Task<RouteResult> HandleAsync(WebSocketRequest request, string connectionId, CancellationToken cancellationToken = default)
    {
        var (error, action) = ErrorFor(request);
        var reply = ReplySender.Describe(await replies.PostAsync(connectionId, ClientFrames.Error(error, action), cancellationToken));
        return new RouteResult(RouteResult.Status(200), error, Reply: reply);
    }

    private static (string Error, string? Action) ErrorFor(WebSocketRequest request)
    {
        if (request.IsBase64Encoded || request.Body is null)
        {
            return (ErrorCode.InvalidJson, null);
        }

        try
        {
            using var document = JsonDocument.Parse(request.Body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (ErrorCode.InvalidJson, null);
            }

            var action = document.RootElement.TryGetProperty("action", out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : "";
            return (ErrorCode.UnknownAction, action.Length > MaxEchoedActionLength ? action[..MaxEchoedActionLength] : action);
        }
        catch (JsonException)
        {
            return (ErrorCode.InvalidJson, null);
        }
    }
}
