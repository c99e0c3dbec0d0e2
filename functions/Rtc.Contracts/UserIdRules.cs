namespace Rtc.Contracts;

/// <summary>
/// What a user id must look like, wherever one arrives: <c>$connect</c>'s <c>user_id</c> or authorizer principal,
/// a token's user claim, and the users a publish request names.
/// </summary>
public static class UserIdRules
{
    /// <summary>The longest accepted user id, in characters.</summary>
    public const int MaximumLength = 256;

    /// <summary>The rule in words, for error messages.</summary>
    public static string Description { get; } = $"a non-blank string of at most {MaximumLength} characters";

    /// <summary>True when <paramref name="userId"/> has a character other than white space.</summary>
    public static bool IsPresent([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? userId) => !string.IsNullOrWhiteSpace(userId);

    /// <summary>True when <paramref name="userId"/> is present and at most <see cref="MaximumLength"/> characters.</summary>
    public static bool IsValid([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? userId) =>
        IsPresent(userId) && userId.Length <= MaximumLength;
}
