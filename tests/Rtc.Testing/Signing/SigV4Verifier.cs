using System.Security.Cryptography;
using System.Text;

namespace Rtc.Testing.Signing;

/// <summary>
/// Recomputes a request's SigV4 signature from what arrived on the wire, written from the published algorithm
/// with HMACSHA256 and SHA256 only, so it shares no code with the SDK signer under test.
/// </summary>
public static class SigV4Verifier
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>The parts of an <c>Authorization</c> header and the signature the verifier expects.</summary>
    public sealed record Verdict(
        string AccessKey, string Date, string Region, string Service, IReadOnlyList<string> SignedHeaders,
        string SentSignature, string ExpectedSignature, string CanonicalUri)
    {
        /// <summary>Whether the sent signature is the one the secret key produces.</summary>
        public bool IsValid => SentSignature == ExpectedSignature;
    }

    public static Verdict Verify(CapturedRequest request, string secretKey)
    {
        var authorization = request.Header("Authorization") ?? throw new InvalidOperationException("No Authorization header.");
        Assert.StartsWith(Algorithm + " ", authorization);
        var parts = authorization[(Algorithm.Length + 1)..]
            .Split(',', StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1]);
        var credential = parts["Credential"].Split('/');
        var (accessKey, date, region, service) = (credential[0], credential[1], credential[2], credential[3]);
        Assert.Equal("aws4_request", credential[4]);
        var signedHeaders = parts["SignedHeaders"].Split(';');

        var path = request.RawTarget.Split('?')[0];
        var canonicalUri = string.Join('/', path.Split('/').Select(UriEncode));
        var canonicalHeaders = string.Concat(signedHeaders.Select(name => $"{name}:{request.Header(name)?.Trim()}\n"));
        var canonicalRequest = string.Join('\n',
            request.Method, canonicalUri, "", canonicalHeaders, string.Join(';', signedHeaders), Hex(SHA256.HashData(request.Body)));

        var amzDate = request.Header("X-Amz-Date") ?? throw new InvalidOperationException("No X-Amz-Date header.");
        var scope = $"{date}/{region}/{service}/aws4_request";
        var stringToSign = string.Join('\n', Algorithm, amzDate, scope, Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest))));

        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretKey), date);
        key = Hmac(key, region);
        key = Hmac(key, service);
        key = Hmac(key, "aws4_request");
        var expected = Hex(Hmac(key, stringToSign));
        return new Verdict(accessKey, date, region, service, signedHeaders, parts["Signature"], expected, canonicalUri);
    }

    /// <summary>The lowercase hex SHA-256 of <paramref name="body"/>, as in <c>X-Amz-Content-SHA256</c>.</summary>
    public static string PayloadHash(byte[] body) => Hex(SHA256.HashData(body));

    // RFC 3986 encoding of every byte but the unreserved ones: applied to the already-encoded wire path,
    // this is SigV4's double encoding ('%' becomes '%25').
    private static string UriEncode(string segment)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(segment))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2"));
            }
        }

        return builder.ToString();
    }

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
