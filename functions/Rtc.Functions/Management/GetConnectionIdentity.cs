namespace Rtc.Functions.Management;

/// <summary>The <c>identity</c> object of a GetConnection answer.</summary>
internal sealed record GetConnectionIdentity(string? SourceIp, string? UserAgent);
