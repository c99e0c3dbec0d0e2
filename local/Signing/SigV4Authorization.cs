namespace Rtc.Local.Signing;

/// <summary>
/// The parts of a SigV4 <c>Authorization</c> header:
/// <c>AWS4-HMAC-SHA256 Credential={key}/{date}/{region}/{service}/aws4_request, SignedHeaders=..., Signature=...</c>.
/// </summary>
internal sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, string SignedHeaders, string Signature)
{
    private const string Prefix = "AWS4-HMAC-SHA256 ";

    /// <summary>Parses the header; false when it is absent or not a SigV4 header.</summary>
    public static bool TryParse(string header, out SigV4Authorization authorization)
    {
        authorization = null!;
        if (!header.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var fields = header[Prefix.Length..]
            .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(field => field.Split('=', 2))
            .Where(parts => parts.Length == 2)
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("Credential", out var credential)
            || !fields.TryGetValue("SignedHeaders", out var signedHeaders)
            || !fields.TryGetValue("Signature", out var signature))
        {
            return false;
        }

        var scope = credential.Split('/');
        if (scope is not [var key, var date, var region, var service, "aws4_request"])
        {
            return false;
        }

        authorization = new SigV4Authorization(key, date, region, service, signedHeaders, signature);
        return true;
    }
}
