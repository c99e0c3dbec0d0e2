using Rtc.Contracts;
using Rtc.Local.Hosting;
using Rtc.Local.Http;

namespace Rtc.Local.Authorization;

/// <summary>
/// <c>GET /@local/token?user=NAME</c> with <c>--auth jwt</c>: a development token for NAME, <c>{"token"}</c>.
/// A convenience of the local gateway with no AWS counterpart; anyone who can reach the loopback port can mint.
/// </summary>
internal sealed class TokenEndpoint(LocalAuth auth)
{
    public async Task HandleAsync(HttpContext http)
    {
        string token;
        try
        {
            token = auth.Mint(http.Request.Query["user"].ToString());
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
