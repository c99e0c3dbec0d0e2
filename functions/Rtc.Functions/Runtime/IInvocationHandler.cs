namespace Rtc.Functions.Runtime;

/// <summary>
/// One Lambda function's logic: an event (JSON text, exactly as Lambda delivers it) in, a response (JSON text) out.
/// The Runtime API loop and the local gateway both drive handlers through this interface.
/// </summary>
public interface IInvocationHandler
{
    /// <summary>Handles one invocation. Throw <see cref="InvocationException"/> for an error with a named type.</summary>
    Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default);
}
