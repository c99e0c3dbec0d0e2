using Rtc.Functions.Runtime;

namespace Rtc.Functions.Publishing;

/// <summary>The <c>InvalidPublishRequest</c> error: every message says what was wrong and which shapes are accepted.</summary>
public static class InvalidPublishRequest
{
    /// <summary>The Lambda error type callers branch on.</summary>
    public const string ErrorType = "InvalidPublishRequest";

    /// <summary>The accepted input shapes, as named in every error message.</summary>
    public const string AcceptedShapes =
        "Accepted shapes: {\"userId\":\"u1\",\"message\":<any JSON>}, {\"userIds\":[\"u1\",\"u2\"],\"message\":<any JSON>}, " +
        "or an EventBridge event {\"source\":...,\"detail-type\":...,\"detail\":{\"user_id\":\"u1\" or \"user_ids\":[...], ...}} " +
        "whose detail, without user_id/user_ids, is the message.";

    /// <summary>An invocation error naming <paramref name="reason"/> and the accepted shapes.</summary>
    public static InvocationException Because(string reason) => new(ErrorType, $"Invalid publish request: {reason}. {AcceptedShapes}");
}
