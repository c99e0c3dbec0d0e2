namespace Rtc.Functions.Management;

/// <summary>API Gateway's management API for one stage: push to, read and close connections.</summary>
public interface IManagementApi
{
    /// <summary>PostToConnection: sends <paramref name="data"/> as one message to the connection.</summary>
    Task<ManagementResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>GetConnection: details of an open connection (null unless the outcome is Delivered).</summary>
    Task<(ManagementResult Result, ConnectionDetails? Details)> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default);

    /// <summary>DeleteConnection: closes the connection.</summary>
    Task<ManagementResult> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default);
}
