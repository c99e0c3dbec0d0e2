namespace Rtc.Local.Configuration;

/// <summary>The values <c>--auth</c> accepts.</summary>
public static class AuthModes
{
    /// <summary>No authorizer: <c>$connect</c> is open, as with the stack's default.</summary>
    public const string None = "none";

    /// <summary>The real authorizer runs before <c>$connect</c>, checking a JWT.</summary>
    public const string Jwt = "jwt";

    /// <summary>Every accepted value.</summary>
    public static readonly IReadOnlyList<string> All = [None, Jwt];
}
