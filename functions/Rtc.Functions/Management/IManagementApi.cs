using Rtc.Functions.Contracts;

namespace Rtc.Functions.Management;

/// <summary>API Gateway's management API for one stage, as the functions use it: push a message to a connection.</summary>
public interface IManagementApi
{
    /// <summary>The most bytes one post may carry: API Gateway's WebSocket message quota, 128 KB.</summary>
    const int MaxPostBytes = WebSocketQuotas.MaxMessageBytes;

    /// <summary>PostToConnection: sends <paramref name="data"/> as one message to the connection.</summary>
    Task<ManagementResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);
}
