using Rtc.Contracts;
using Rtc.Local.Hosting;
using Rtc.Local.Http;

namespace Rtc.Local.Authorization;

/// <summary>
/// <c>GET /@local/token?user=NAME[&amp;ttl=SECONDS]</c> with <c>--auth jwt</c>: a development token for NAME,
/// <c>{"token"}</c>, whose <c>exp</c> is now + ttl (1 to 86,400 s; default 12 hours).
/// A convenience of the local gateway with no AWS counterpart; anyone who can reach the loopback port can mint.
/// </summary>
internal sealed class TokenEndpoint(LocalAuth auth)
{
    public async Task HandleAsync(HttpContext http)
    {
        TimeSpan? lifetime = null;
        if (http.Request.Query.TryGetValue("ttl", out var ttlValues))
        {
            var ttl = ttlValues.ToString();
            // A whole number of seconds, digits only: no sign, no spaces, no fraction.
            if (ttl.Length is 0 or > 5 || !ttl.All(char.IsAsciiDigit) ||
                int.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture) is < LocalAuth.MinimumTtlSeconds or > LocalAuth.MaximumTtlSeconds)
            {
                await AwsErrorResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "BadRequestException",
                    $"ttl must be a whole number of seconds from {LocalAuth.MinimumTtlSeconds} to {LocalAuth.MaximumTtlSeconds}; omit it for {LocalAuth.TokenLifetime.TotalHours:0} hours.",
                    http.RequestAborted);
                return;
            }

            lifetime = TimeSpan.FromSeconds(int.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture));
        }

        string token;
        try
        {
            token = auth.Mint(http.Request.Query["user"].ToString(), lifetime);
        }
        catch (ArgumentException)
        {
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status400BadRequest, "BadRequestException",
                $"Pass the user id as ?user=NAME ({UserIdRules.Description}).", http.RequestAborted);
            return;
        }

        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(JsonOutput.SerializeToUtf8Bytes(new DevelopmentToken(token), LocalJsonContext.Default.DevelopmentToken), http.RequestAborted);
    }
}
