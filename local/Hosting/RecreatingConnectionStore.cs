using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Functions.Logging;
using Rtc.Functions.Storage;

namespace Rtc.Local.Hosting;

/// <summary>
/// The DynamoDB store the gateway hosts, made to survive its table disappearing while the gateway runs (DynamoDB
/// Local started with <c>-inMemory</c> and restarted): an operation that finds no table recreates it, says so in
/// the log, and runs once more. Connections stored before are gone with the old table.
/// </summary>
/// <param name="client">The DynamoDB client; the caller owns it.</param>
/// <param name="tableName">The connection table.</param>
/// <param name="logger">Where the recreation is logged.</param>
public sealed class RecreatingConnectionStore(IAmazonDynamoDB client, string tableName, FunctionLogger logger) : IConnectionStore
{
    private readonly DynamoDbConnectionStore store = new(client, tableName);
    private readonly SemaphoreSlim recreating = new(1, 1);

    /// <inheritdoc />
    public Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default) =>
        WithTableAsync(() => store.AddAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) =>
        WithTableAsync(async () =>
        {
            await store.RemoveAsync(connectionId, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default) =>
        WithTableAsync(() => store.ListConnectionIdsAsync(userId, cancellationToken), cancellationToken);

    private async Task<T> WithTableAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        try
        {
            return await operation();
        }
        catch (ResourceNotFoundException)
        {
            await RecreateAsync(cancellationToken);
            return await operation();
        }
    }

    // Operations that fail together recreate the table once: the first creates it, the others find it created.
    private async Task RecreateAsync(CancellationToken cancellationToken)
    {
        await recreating.WaitAsync(cancellationToken);
        try
        {
            if (await ConnectionTableBootstrap.CreateAsync(client, tableName, cancellationToken))
            {
                logger.Write(LogSeverity.Warn, "connection table recreated", ("table", tableName), ("endpoint", client.Config.ServiceURL),
                    ("reason", "the table disappeared (DynamoDB restarted?); connections stored before are lost"));
            }
        }
        finally
        {
            recreating.Release();
        }
    }
}
