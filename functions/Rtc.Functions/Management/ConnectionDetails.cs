namespace Rtc.Functions.Management;

/// <summary>What GetConnection returns for an open connection.</summary>
public sealed record ConnectionDetails(DateTimeOffset ConnectedAt, DateTimeOffset LastActiveAt, string? SourceIp, string? UserAgent);
