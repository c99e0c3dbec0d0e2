namespace Rtc.Functions.Configuration;

/// <summary>Reads settings by name, so tests and the local gateway can supply their own.</summary>
public interface IFunctionEnvironment
{
    /// <summary>The value of <paramref name="name"/>, or null when it is unset or empty.</summary>
    string? Get(string name);
}
