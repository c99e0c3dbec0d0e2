namespace Rtc.Functions.Tests.Runtime;

/// <summary>A handler made of a delegate, for driving the loop.</summary>
public sealed class DelegateHandler(Func<string, InvocationContext, CancellationToken, Task<string>> handle) : IInvocationHandler
{
    /// <inheritdoc />
    public Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default) =>
        handle(eventJson, context, cancellationToken);
}
