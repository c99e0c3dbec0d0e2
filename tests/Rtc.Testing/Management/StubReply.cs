namespace Rtc.Testing.Management;

/// <summary>How the management API stub answers one post.</summary>
/// <param name="Status">The HTTP status; ignored when <paramref name="Hang"/>.</param>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c>, if any.</param>
/// <param name="Hang">Never answer: the client times out or gives up.</param>
public sealed record StubReply(int Status, string? ErrorType = null, bool Hang = false)
{
    public static StubReply Ok { get; } = new(200);

    public static StubReply Gone { get; } = new(410, "GoneException");

    public static StubReply Throttled { get; } = new(429, "LimitExceededException");

    public static StubReply ServerError { get; } = new(500, "InternalServerErrorException");

    /// <summary>The service is unavailable, no error type.</summary>
    public static StubReply Unavailable { get; } = new(503);

    public static StubReply Forbidden { get; } = new(403, "ForbiddenException");

    /// <summary>The message is over the frame limit.</summary>
    public static StubReply TooLarge { get; } = new(413, "PayloadTooLargeException");

    /// <summary>The post never gets an answer.</summary>
    public static StubReply NoAnswer { get; } = new(0, Hang: true);
}
