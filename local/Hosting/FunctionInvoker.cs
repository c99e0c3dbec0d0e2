using System.Globalization;
using Rtc.Functions.Logging;
using Rtc.Functions.Runtime;

namespace Rtc.Local.Hosting;

/// <summary>
/// Runs the functions in-process the way Lambda would: one request id and deadline per invocation, and every
/// failure turned into Lambda's <c>errorType</c>/<c>errorMessage</c> pair rather than a crash of the gateway.
/// </summary>
/// <param name="handlers">The handlers by function name (see <see cref="HandlerCatalog.Names"/>).</param>
/// <param name="timeout">How long an invocation may run (Lambda's function timeout).</param>
/// <param name="region">The region in the invoked function's ARN.</param>
/// <param name="clock">The time deadlines are computed from.</param>
/// <param name="logger">Where failures are logged.</param>
public sealed class FunctionInvoker(
    IReadOnlyDictionary<string, Lazy<IInvocationHandler>> handlers,
    TimeSpan timeout,
    string region,
    TimeProvider clock,
    FunctionLogger logger)
{
    /// <summary>A fixed account id for the local function ARNs.</summary>
    public const string AccountId = "000000000000";

    /// <summary>Whether a function with <paramref name="name"/> is hosted.</summary>
    public bool Hosts(string name) => handlers.ContainsKey(name);

    /// <summary>The ARN of the hosted function <paramref name="name"/>.</summary>
    public string ArnOf(string name) => $"arn:aws:lambda:{region}:{AccountId}:function:{name}";

    /// <summary>Invokes <paramref name="name"/> with <paramref name="eventJson"/>; never throws for handler failures.</summary>
    public async Task<InvocationOutcome> InvokeAsync(string name, string eventJson, CancellationToken cancellationToken = default)
    {
        var requestId = Guid.NewGuid().ToString();
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var context = new InvocationContext(requestId, clock.GetUtcNow() + timeout, ArnOf(name));
        try
        {
            var handler = handlers[name].Value;
            var response = await handler.HandleAsync(eventJson, context, linked.Token).WaitAsync(linked.Token);
            return new InvocationOutcome(response);
        }
        catch (InvocationException exception)
        {
            return Failed(name, requestId, exception.ErrorType, exception.Message);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            return Failed(name, requestId, "Sandbox.Timedout", $"{context.RequestId} Task timed out after {seconds} seconds");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failed(name, requestId, exception.GetType().Name, exception.Message);
        }
    }

    private InvocationOutcome Failed(string name, string requestId, string errorType, string message)
    {
        logger.Write(LogSeverity.Error, "invocation failed", ("function", name), ("requestId", requestId), ("errorType", errorType));
        return new InvocationOutcome(null, errorType, message);
    }
}
