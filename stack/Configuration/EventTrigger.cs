namespace Rtc.Stack.Configuration;

/// <summary>The optional EventBridge rule that triggers the publisher.</summary>
/// <param name="BusName">The event bus. Default <c>default</c>.</param>
/// <param name="Pattern">The event pattern, a JSON object as configured.</param>
internal sealed record EventTrigger(string BusName, string Pattern);
