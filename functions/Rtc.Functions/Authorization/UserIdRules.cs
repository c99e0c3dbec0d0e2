namespace Rtc.Functions.Authorization;

/// <summary>What a user id taken from a token must look like.</summary>
public static class UserIdRules
{
    /// <summary>The longest accepted user id, in characters.</summary>
    public const int MaximumLength = 256;

    /// <summary>True when <paramref name="userId"/> is non-empty, not only whitespace, and at most <see cref="MaximumLength"/> characters.</summary>
    public static bool IsValid(string? userId) =>
        !string.IsNullOrWhiteSpace(userId) && userId.Length <= MaximumLength;
}
