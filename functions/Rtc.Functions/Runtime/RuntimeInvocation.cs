namespace Rtc.Functions.Runtime;

/// <summary>One event fetched from the Runtime API.</summary>
/// <param name="EventJson">The event, exactly as Lambda delivered it.</param>
/// <param name="Context">The request id, deadline, function ARN and trace header that came with it.</param>
public sealed record RuntimeInvocation(string EventJson, InvocationContext Context);
