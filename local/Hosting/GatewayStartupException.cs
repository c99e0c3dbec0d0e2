namespace Rtc.Local.Hosting;

/// <summary>
/// The gateway cannot start for a reason the user can fix (DynamoDB unreachable, a connection table of another
/// shape, the port taken). The message is one line saying what is wrong and what to do; no stack trace is due.
/// </summary>
internal sealed class GatewayStartupException(string message, Exception? innerException = null) : Exception(message, innerException);
