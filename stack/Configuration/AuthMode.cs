namespace Rtc.Stack.Configuration;

/// <summary>How <c>$connect</c> is authorised; the value is also the functions' <c>RTC_AUTH</c>.</summary>
internal enum AuthMode
{
    /// <summary>Anyone may connect; the user comes from the <c>user_id</c> query parameter.</summary>
    None,

    /// <summary>A Lambda REQUEST authorizer validates a JWT; the user comes from the token.</summary>
    Jwt,
}
