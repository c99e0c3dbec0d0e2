using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// Sends replies to the connection a message came from. Best effort: a failed reply is reported in the result,
/// never thrown, and a connection the management API calls gone loses its row (<see cref="GoneConnections"/>).
/// </summary>
public sealed class ReplySender(Lazy<IManagementApi> management, IConnectionStore store, FunctionLogger logger)
{
    /// <summary>How a reply's outcome is logged: <c>delivered</c>, <c>gone</c>, ... or <c>error</c> when none came.</summary>
    public static string Describe(ManagementOutcome? outcome) => outcome?.ToString().ToLowerInvariant() ?? "error";

    /// <summary>Posts <paramref name="data"/> as one message; null when the management client failed without an answer.</summary>
    public async Task<ManagementOutcome?> PostAsync(string connectionId, byte[] data, CancellationToken cancellationToken = default)
    {
        ManagementResult result;
        try
        {
            result = await management.Value.PostToConnectionAsync(connectionId, data, cancellationToken);
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
