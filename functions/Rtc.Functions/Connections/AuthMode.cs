namespace Rtc.Functions.Connections;

/// <summary>How <c>$connect</c> learns who is connecting (<c>RTC_AUTH</c>).</summary>
public enum AuthMode
{
    /// <summary><c>none</c> (default): the authorizer's principal when one ran, else the <c>user_id</c> query parameter.</summary>
    None,

    /// <summary><c>jwt</c>: only the authorizer's principal; <c>user_id</c> in the query string is ignored.</summary>
    Jwt,
}
