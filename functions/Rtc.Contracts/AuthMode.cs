namespace Rtc.Contracts;

/// <summary>
/// How <c>$connect</c> learns who is connecting: the functions' <c>RTC_AUTH</c>, the stack's <c>auth</c> key and
/// the local gateway's <c>--auth</c> flag. <see cref="AuthModes"/> spells it.
/// </summary>
public enum AuthMode
{
    /// <summary>
    /// <c>none</c> (default): no authorizer is deployed; the user is the authorizer's principal when one ran, else
    /// the <c>user_id</c> query parameter.
    /// </summary>
    None,

    /// <summary>
    /// <c>jwt</c>: a Lambda REQUEST authorizer checks a JWT before <c>$connect</c>; the user comes only from the
    /// token, and <c>user_id</c> in the query string is ignored.
    /// </summary>
    Jwt,
}

/// <summary>The text of each <see cref="AuthMode"/>, as every setting that names one spells it.</summary>
public static class AuthModes
{
    public const string None = "none";

    public const string Jwt = "jwt";

    /// <summary>Every accepted text, default first.</summary>
    public static readonly IReadOnlyList<string> Names = [None, Jwt];

    public static string NameOf(AuthMode mode) => mode == AuthMode.Jwt ? Jwt : None;

    /// <summary>Reads <paramref name="name"/> (exact, lower case); false for anything not in <see cref="Names"/>.</summary>
    public static bool TryParse(string? name, out AuthMode mode)
    {
        (var known, mode) = name switch
        {
            None => (true, AuthMode.None),
            Jwt => (true, AuthMode.Jwt),
            _ => (false, AuthMode.None),
        };
        return known;
    }
}
