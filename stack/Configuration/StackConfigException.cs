namespace Rtc.Stack.Configuration;

/// <summary>Stack configuration that cannot produce a template; the message names the key and what is allowed.</summary>
internal sealed class StackConfigException(string message) : Exception(message);
