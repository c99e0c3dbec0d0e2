namespace Rtc.Functions.Publishing;

/// <summary>The limits a publish request is checked against before anything is posted.</summary>
public static class PublishRequestLimits
{
    /// <summary>Users one request may name (after de-duplication).</summary>
    public const int MaxUsers = 1000;

    /// <summary>The management API's message limit (128 KB), in bytes of the serialised message.</summary>
    public const int MaxMessageBytes = 131_072;
}
