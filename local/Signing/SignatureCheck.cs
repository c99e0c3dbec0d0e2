namespace Rtc.Local.Signing;

/// <summary>The result of checking a request's SigV4 signature: valid, or the AWS error to answer with.</summary>
/// <param name="ErrorType">The <c>x-amzn-ErrorType</c> to answer with; null when the signature is valid.</param>
/// <param name="Message">Why the request was refused.</param>
public sealed record SignatureCheck(string? ErrorType, string Message)
{
    /// <summary>A valid signature.</summary>
    public static SignatureCheck Valid { get; } = new(null, "");

    /// <summary>Whether the signature is valid.</summary>
    public bool IsValid => ErrorType is null;

    /// <summary>No or unusable <c>Authorization</c> header.</summary>
    public static SignatureCheck Missing(string message) => new("MissingAuthenticationTokenException", message);

    /// <summary>Unknown access key.</summary>
    public static SignatureCheck UnknownKey(string message) => new("UnrecognizedClientException", message);

    /// <summary>Wrong signature, scope or date.</summary>
    public static SignatureCheck Invalid(string message) => new("InvalidSignatureException", message);
}
