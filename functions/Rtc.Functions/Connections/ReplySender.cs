using Rtc.Functions.Management;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// Sends replies to the connection a message came from. Best effort: a failed reply is reported in the result,
/// never thrown, and a connection the management API calls gone loses its row (<see cref="GoneConnections"/>).
/// A reply that meets 429, 5xx or no answer is retried as the publisher retries a post (<see cref="PostRetrier"/>),
/// so management faults the publisher survives do not cost a client its resume answer.
/// </summary>
public sealed class ReplySender(Lazy<IManagementApi> management, IConnectionStore store, PostRetrier retrier, FunctionLogger logger)
{
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
