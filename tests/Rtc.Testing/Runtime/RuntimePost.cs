namespace Rtc.Testing.Runtime;

/// <summary>One POST the function made to the fake Runtime API.</summary>
/// <param name="Path">E.g. <c>/2018-06-01/runtime/invocation/req-1/response</c>.</param>
/// <param name="Body">The posted text.</param>
/// <param name="ErrorType">The <c>Lambda-Runtime-Function-Error-Type</c> header, if any.</param>
public sealed record RuntimePost(string Path, string Body, string? ErrorType);
