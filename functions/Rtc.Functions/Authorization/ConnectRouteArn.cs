namespace Rtc.Functions.Authorization;

/// <summary>Recognises the <c>methodArn</c> of a WebSocket API's <c>$connect</c> route.</summary>
internal static class ConnectRouteArn
{
    private const string ConnectRoute = "$connect";

    /// <summary>
    /// True for <c>arn:{partition}:execute-api:{region}:{account}:{apiId}/{stage}/$connect</c>, the only resource
    /// this authorizer ever allows.
    /// </summary>
    public static bool IsConnectRoute(string? methodArn)
    {
        if (methodArn is null)
        {
            return false;
        }

        var parts = methodArn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[1].Length == 0 || parts[2] != "execute-api"
            || parts[3].Length == 0 || parts[4].Length == 0)
        {
            return false;
        }

        var resource = parts[5].Split('/');
        return resource.Length == 3 && resource[0].Length > 0 && resource[1].Length > 0 && resource[2] == ConnectRoute;
    }
}
