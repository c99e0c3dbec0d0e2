using System.Security.Cryptography;

namespace Rtc.Local.Connections;

/// <summary>Ids in API Gateway's format: 11 random bytes in base64, 16 characters ending in <c>=</c> (e.g. <c>L0SM9cOFvHcCIhw=</c>).</summary>
internal static class ApiGatewayIds
{
    /// <summary>A new connection, request or message id.</summary>
    public static string Next() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(11));
}
