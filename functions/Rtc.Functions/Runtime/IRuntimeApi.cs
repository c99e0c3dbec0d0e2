namespace Rtc.Functions.Runtime;

/// <summary>
/// The Lambda Runtime API, as the loop speaks it: behind an interface so tests drive the loop without a process
/// or a network.
/// </summary>
public interface IRuntimeApi
{
    /// <summary><c>GET /runtime/invocation/next</c>: waits for the next event.</summary>
    Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /runtime/invocation/{requestId}/response</c>.</summary>
    Task PostResponseAsync(string requestId, string responseJson, CancellationToken cancellationToken = default);

    /// <summary><c>POST /runtime/invocation/{requestId}/error</c>.</summary>
    Task PostInvocationErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken = default);

    /// <summary><c>POST /runtime/init/error</c>: the function could not start.</summary>
    Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken = default);
}

/// <summary>One event fetched from the Runtime API.</summary>
/// <param name="EventJson">The event, exactly as Lambda delivered it.</param>
/// <param name="Context">The request id, deadline, function ARN and trace header that came with it.</param>
public sealed record RuntimeInvocation(string EventJson, InvocationContext Context);
