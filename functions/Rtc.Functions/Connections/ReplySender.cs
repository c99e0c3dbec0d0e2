using System.Text.Json;
using Rtc.Functions.Contracts;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// Sends a <see cref="ClientReply"/> to the connection a message came from. Best effort: a failed reply is
/// reported in the result, never thrown, and a connection the management API calls gone loses its row
/// (<see cref="GoneConnections"/>).
/// </summary>
public sealed class ReplySender(Lazy<IManagementApi> management, IConnectionStore store, FunctionLogger logger)
{
    /// <summary>Posts <paramref name="reply"/> and returns what came of it: <c>delivered</c>, <c>gone</c>, ... or <c>error</c>.</summary>
    public async Task<string> SendAsync(string connectionId, ClientReply reply, CancellationToken cancellationToken = default)
    {
        var data = JsonOutput.SerializeToUtf8Bytes(reply, ConnectionsJsonContext.Default.ClientReply);
        ManagementResult result;
        try
        {
            result = await management.Value.PostToConnectionAsync(connectionId, data, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A reply is a courtesy to the client: a broken management client must not fail the invocation.
            logger.Write(LogSeverity.Warn, "reply failed", ("connectionId", connectionId), ("errorType", exception.GetType().Name), ("errorMessage", exception.Message));
            return "error";
        }

        if (result.Outcome == ManagementOutcome.Gone)
        {
            await store.ForgetAsync(connectionId, logger);
        }

        return result.Outcome.ToString().ToLowerInvariant();
    }
}
