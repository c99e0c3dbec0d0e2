namespace Rtc.Local.Tests.Support;

/// <summary>A stand-in function that answers every event with <paramref name="respond"/> and keeps the last event.</summary>
public sealed class StubFunction(Func<string, string> respond) : IInvocationHandler
{
    /// <summary>The last event received.</summary>
    public string? LastEvent { get; private set; }

    /// <inheritdoc />
    public Task<string> HandleAsync(string eventJson, InvocationContext context, CancellationToken cancellationToken = default)
    {
        LastEvent = eventJson;
        return Task.FromResult(respond(eventJson));
    }
}
