namespace Rtc.Contracts;

/// <summary>
/// The handlers the functions' one program can run, by the name <c>RTC_HANDLER</c> gives: the stack deploys one
/// function per name, and the local gateway hosts them under these function names.
/// </summary>
public static class HandlerNames
{
    /// <summary>WebSocket routes: <c>$connect</c>, <c>$disconnect</c>, <c>$default</c>, <c>resume</c> (API Gateway answers <c>ping</c> itself).</summary>
    public const string Connections = "connections";

    /// <summary>Delivers a message to every connection of one or many users.</summary>
    public const string Publisher = "publisher";

    /// <summary>Lambda REQUEST authorizer for <c>$connect</c>.</summary>
    public const string Authorizer = "authorizer";

    /// <summary>Every accepted <c>RTC_HANDLER</c> value.</summary>
    public static readonly IReadOnlyList<string> All = [Connections, Publisher, Authorizer];
}
