using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using Amazon.Util;
using Rtc.Local.Http;

namespace Rtc.Local.Signing;

/// <summary>
/// Checks AWS Signature Version 4 on an incoming request, the way the real services do: rebuilds the canonical
/// request from what arrived on the wire and lets AWSSDK.Core's signer compute the signature it should carry.
/// </summary>
/// <param name="accessKeyId">The only access key accepted.</param>
/// <param name="secretAccessKey">Its secret.</param>
/// <param name="region">The region the scope must name.</param>
/// <param name="clock">The time the request date is checked against.</param>
internal sealed class SignatureValidator(string accessKeyId, string secretAccessKey, string region, TimeProvider clock)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";

    // AWS refuses requests whose X-Amz-Date is more than 15 minutes from its clock.
    private static readonly TimeSpan AllowedSkew = TimeSpan.FromMinutes(15);

    private readonly ImmutableCredentials credentials = new(accessKeyId, secretAccessKey, null);

    public SignatureCheck Check(HttpRequest request, string service, ReadOnlySpan<byte> body)
    {
        if (!SigV4Authorization.TryParse(request.Headers.Authorization.ToString(), out var authorization))
        {
            return SignatureCheck.Missing("Missing Authentication Token");
        }

        if (!string.Equals(authorization.AccessKeyId, accessKeyId, StringComparison.Ordinal))
        {
            return SignatureCheck.UnknownKey("The security token included in the request is invalid.");
        }

        if (authorization.Region != region || authorization.Service != service)
        {
            return SignatureCheck.Invalid($"Credential should be scoped to region '{region}' and service '{service}'.");
        }

        if (!DateTime.TryParseExact(request.Headers["X-Amz-Date"].ToString(), AWSSDKUtils.ISO8601BasicDateTimeFormat,
                CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt)
            || signedAt.ToString(AWSSDKUtils.ISO8601BasicDateFormat, CultureInfo.InvariantCulture) != authorization.Date)
        {
            return SignatureCheck.Invalid("X-Amz-Date is missing, malformed or does not match the credential scope.");
        }

        if ((clock.GetUtcNow().UtcDateTime - signedAt).Duration() > AllowedSkew)
        {
            return SignatureCheck.Invalid("Signature expired: the request date is more than 15 minutes from the server's time.");
        }

        var bodyHash = AWSSDKUtils.ToHex(AWS4Signer.ComputeHash(body.ToArray()), true);
        var declaredHash = request.Headers["X-Amz-Content-SHA256"].ToString();
        if (declaredHash.Length > 0 && !string.Equals(declaredHash, bodyHash, StringComparison.OrdinalIgnoreCase))
        {
            return SignatureCheck.Invalid("X-Amz-Content-SHA256 does not match the body.");
        }

        if (!authorization.SignedHeaders.Split(';').Contains("host", StringComparer.Ordinal))
        {
            return SignatureCheck.Invalid("The host header must be signed.");
        }

        var canonicalRequest = CanonicalRequest(request, authorization.SignedHeaders, bodyHash);
        if (canonicalRequest is null)
        {
            return SignatureCheck.Invalid("A header named in SignedHeaders is missing.");
        }

        var expected = AWS4Signer.ComputeSignature(credentials, region, signedAt, service, authorization.SignedHeaders, canonicalRequest).Signature;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(authorization.Signature))
            ? SignatureCheck.Valid
            : SignatureCheck.Invalid(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.");
    }

    private static string? CanonicalRequest(HttpRequest request, string signedHeaders, string bodyHash)
    {
        var (rawPath, rawQuery) = RawPath.Split(request.HttpContext);

        var builder = new StringBuilder();
        builder.Append(request.Method).Append('\n');

        // Every service but S3 encodes the path once more for signing: the wire's %40 is signed as %2540.
        builder.AppendJoin('/', rawPath.Split('/').Select(Uri.EscapeDataString)).Append('\n');
        builder.Append(CanonicalQuery(rawQuery)).Append('\n');
        foreach (var name in signedHeaders.Split(';'))
        {
            var values = request.Headers[name];
            if (values.Count == 0)
            {
                return null;
            }

            builder.Append(name).Append(':').AppendJoin(',', values.Select(TrimHeaderValue)).Append('\n');
        }

        builder.Append('\n').Append(signedHeaders).Append('\n').Append(bodyHash);
        return builder.ToString();
    }

    private static string CanonicalQuery(string rawQuery) => string.Join('&', rawQuery
        .Split('&', StringSplitOptions.RemoveEmptyEntries)
        .Select(pair => pair.Split('=', 2))
        .Select(parts => (Name: Uri.EscapeDataString(Decode(parts[0])), Value: Uri.EscapeDataString(parts.Length > 1 ? Decode(parts[1]) : "")))
        .OrderBy(parameter => parameter.Name, StringComparer.Ordinal)
        .ThenBy(parameter => parameter.Value, StringComparer.Ordinal)
        .Select(parameter => $"{parameter.Name}={parameter.Value}"));

    private static string Decode(string component) => Uri.UnescapeDataString(component.Replace('+', ' '));

    private static string TrimHeaderValue(string? value) => string.Join(' ', (value ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// The parts of a SigV4 <c>Authorization</c> header:
    /// <c>AWS4-HMAC-SHA256 Credential={key}/{date}/{region}/{service}/aws4_request, SignedHeaders=..., Signature=...</c>.
    /// </summary>
    private sealed record SigV4Authorization(string AccessKeyId, string Date, string Region, string Service, string SignedHeaders, string Signature)
    {
        private const string Prefix = Algorithm + " ";

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
}

/// <summary>The result of checking a request's SigV4 signature: valid, or the AWS error to answer with.</summary>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> to answer with; null when the signature is valid.</param>
/// <param name="Message">Why the request was refused.</param>
internal sealed record SignatureCheck(string? ErrorType, string Message)
{
    public static SignatureCheck Valid { get; } = new(null, "");

    public bool IsValid => ErrorType is null;

    /// <summary>No or unusable <c>Authorization</c> header.</summary>
    public static SignatureCheck Missing(string message) => new("MissingAuthenticationTokenException", message);

    /// <summary>Unknown access key.</summary>
    public static SignatureCheck UnknownKey(string message) => new("UnrecognizedClientException", message);

    /// <summary>Wrong signature, scope or date.</summary>
    public static SignatureCheck Invalid(string message) => new("InvalidSignatureException", message);
}
