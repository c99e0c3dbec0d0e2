namespace Rtc.Functions.Authorization;

/// <summary>The result of checking one token: the verified user id, or the reason it was refused.</summary>
internal sealed record TokenCheck(string? UserId, string? RefusalReason)
{
    public static TokenCheck Accepted(string userId) => new(userId, null);

    public static TokenCheck Refused(string reason) => new(null, reason);
}
