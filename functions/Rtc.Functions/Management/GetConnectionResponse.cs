namespace Rtc.Functions.Management;

/// <summary>The body of a GetConnection answer: <c>{"connectedAt","identity":{"sourceIp","userAgent"},"lastActiveAt"}</c>.</summary>
internal sealed record GetConnectionResponse(DateTimeOffset ConnectedAt, GetConnectionIdentity? Identity, DateTimeOffset LastActiveAt)
{
    /// <summary>The public shape of these details.</summary>
    public ConnectionDetails ToConnectionDetails() => new(ConnectedAt, LastActiveAt, Identity?.SourceIp, Identity?.UserAgent);
}
