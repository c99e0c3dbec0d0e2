using System.Text.Json;
using Rtc.Functions.Contracts;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Publishing;
using Rtc.Functions.Storage;

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
    public async Task<RouteResult> DefaultAsync(WebSocketRequest request, string connectionId, DateTimeOffset stopAt, CancellationToken cancellationToken = default)
    {
        var error = ErrorFor(request);
        var reply = await replies.SendAsync(connectionId, error, stopAt, cancellationToken);
        return new RouteResult(RouteResult.Status(200), error.Error!, Reply: reply);
    }

    private static ClientReply ErrorFor(WebSocketRequest request)
    {
        if (request.IsBase64Encoded || request.Body is null)
        {
            return ClientReply.InvalidJson;
        }

        // A frame the functions cannot read (not JSON, too deep, a lone surrogate) is invalid_json: no reply may echo a
        // string that cannot be written as UTF-8.
        using var document = JsonInput.TryParse(request.Body, out _);
        if (document?.RootElement.ValueKind != JsonValueKind.Object)
        {
            return ClientReply.InvalidJson;
        }

        var action = document.RootElement.TryGetProperty("action", out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : "";
        return ClientReply.UnknownAction(action.Length > MaxEchoedActionLength ? action[..MaxEchoedActionLength] : action);
    }
}

/// <summary>
/// Sends replies to the connection a message came from. Best effort: a failed reply is reported in the result,
/// never thrown, and a connection the management API calls gone loses its row (<see cref="GoneConnections"/>).
/// A reply that meets 429, 5xx or no answer is retried as the publisher retries a post (<see cref="PostRetrier"/>),
/// so management faults the publisher survives do not cost a client its resume answer.
/// </summary>
public sealed class ReplySender(Lazy<IManagementApi> management, IConnectionStore store, PostRetrier retrier, FunctionLogger logger)
{
    /// <summary>Posts <paramref name="reply"/> and returns what came of it: <c>delivered</c>, <c>gone</c>, ... or <c>error</c>.</summary>
    public async Task<string> SendAsync(string connectionId, ClientReply reply, DateTimeOffset stopAt, CancellationToken cancellationToken = default) =>
        Describe(await PostAsync(connectionId, JsonOutput.SerializeToUtf8Bytes(reply, ConnectionsJsonContext.Default.ClientReply), stopAt, cancellationToken));

    /// <summary>How a reply's outcome is logged: <c>delivered</c>, <c>gone</c>, ... or <c>error</c> when none came.</summary>
    public static string Describe(ManagementOutcome? outcome) => outcome?.ToString().ToLowerInvariant() ?? "error";

    /// <summary>
    /// Posts <paramref name="data"/> as one message, retrying until <paramref name="stopAt"/>; null when the
    /// management client failed without an answer or the stop time came first.
    /// </summary>
    public async Task<ManagementOutcome?> PostAsync(string connectionId, byte[] data, DateTimeOffset stopAt, CancellationToken cancellationToken = default)
    {
        ManagementResult result;
        try
        {
            // The connection sent the message answered here, so it is open: no 410 needs a second look.
            var attempts = await retrier.PostAsync(management.Value, connectionId, data, stopAt, retryAlso: null, cancellationToken);
            if (attempts.Stopped || attempts.Last is null)
            {
                return null;
            }

            result = attempts.Last;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A reply is a courtesy to the client: a broken management client must not fail the invocation.
            logger.Write(LogSeverity.Warn, "reply failed", ("connectionId", connectionId), ("errorType", exception.GetType().Name), ("errorMessage", exception.Message));
            return null;
        }

        if (result.Outcome == ManagementOutcome.Gone)
        {
            await store.ForgetAsync(connectionId, logger);
        }

        return result.Outcome;
    }
}
