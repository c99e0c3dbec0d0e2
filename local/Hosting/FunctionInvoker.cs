using System.Globalization;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;

namespace Rtc.Local.Hosting;

/// <summary>
/// Runs the functions in-process the way Lambda would: one request id and deadline per invocation, and every
/// failure turned into Lambda's <c>errorType</c>/<c>errorMessage</c> pair rather than a crash of the gateway.
/// </summary>
/// <param name="options">The invoke timeout (Lambda's function timeout) and the region in the functions' ARNs.</param>
/// <param name="services">
/// Holds the handlers as keyed services, one per name in <see cref="HandlerNames.All"/>; each is built on
/// its first invocation, as Lambda initialises a function on its first event.
/// </param>
/// <param name="clock">The time deadlines are computed from.</param>
/// <param name="logger">Where failures are logged.</param>
internal sealed class FunctionInvoker(GatewayOptions options, IServiceProvider services, TimeProvider clock, FunctionLogger logger)
{
    /// <summary>A fixed account id for the local function ARNs.</summary>
    public const string AccountId = "000000000000";

    /// <summary>
    /// Whether a function with <paramref name="name"/> is hosted: the authorizer only with <c>--auth jwt</c>, as a
    /// stack deploys it only with <c>auth: jwt</c> (without, invoking it is Lambda's "function not found", not the
    /// handler's missing settings).
    /// </summary>
    public bool Hosts(string name) =>
        HandlerNames.All.Contains(name, StringComparer.Ordinal) && (name != HandlerNames.Authorizer || options.Auth == AuthMode.Jwt);

    public string ArnOf(string name) => $"arn:aws:lambda:{options.Region}:{AccountId}:function:{name}";

    /// <summary>Invokes <paramref name="name"/> with <paramref name="eventJson"/>; never throws for handler failures.</summary>
    public async Task<InvocationOutcome> InvokeAsync(string name, string eventJson, CancellationToken cancellationToken = default)
    {
        var requestId = Guid.NewGuid().ToString();
        var timeout = options.InvokeTimeout;
        using var deadline = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, cancellationToken);
        var context = new InvocationContext(requestId, clock.GetUtcNow() + timeout, ArnOf(name));
        try
        {
            var handler = services.GetRequiredKeyedService<IInvocationHandler>(name);
            var response = await handler.HandleAsync(eventJson, context, linked.Token).WaitAsync(linked.Token);
            return new InvocationOutcome(response);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var seconds = timeout.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
            return Failed(name, requestId, new RuntimeError($"{context.RequestId} Task timed out after {seconds} seconds", "Sandbox.Timedout"));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return Failed(name, requestId, RuntimeError.From(exception));
        }
    }

    private InvocationOutcome Failed(string name, string requestId, RuntimeError error)
    {
        logger.Write(LogSeverity.Error, "invocation failed", ("function", name), ("requestId", requestId), ("errorType", error.ErrorType));
        return new InvocationOutcome(null, error.ErrorType, error.ErrorMessage);
    }
}
