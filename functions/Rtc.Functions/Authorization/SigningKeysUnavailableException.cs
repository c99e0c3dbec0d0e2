namespace Rtc.Functions.Authorization;

/// <summary>The issuer's keys could not be fetched or read, and no earlier copy is cached.</summary>
public sealed class SigningKeysUnavailableException(string message, Exception? innerException = null)
    : Exception(message, innerException);
