namespace Rtc.Functions.Management;

/// <summary>API Gateway's management API for one stage, as the functions use it: push a message to a connection, close a connection.</summary>
public interface IManagementApi
{
    /// <summary>PostToConnection: sends <paramref name="data"/> as one message to the connection.</summary>
    Task<ManagementResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>DeleteConnection: closes the connection (204; 410 when it is already gone or not open yet).</summary>
    Task<ManagementResult> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default);
}
