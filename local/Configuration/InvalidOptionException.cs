namespace Rtc.Local.Configuration;

/// <summary>A command-line flag that is unknown, missing its value, or has a value out of range.</summary>
public sealed class InvalidOptionException(string message) : Exception(message);
