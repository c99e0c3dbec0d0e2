using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Functions.History;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Local.Hosting;

/// <summary>
/// The DynamoDB connection store the gateway hosts, made to survive its table disappearing while the gateway runs
/// (DynamoDB Local started with <c>-inMemory</c> and restarted): see <see cref="TableRecreator"/>.
/// </summary>
/// <param name="client">The DynamoDB client; the caller owns it.</param>
/// <param name="tableName">The connection table.</param>
/// <param name="logger">Where the recreation is logged.</param>
internal sealed class RecreatingConnectionStore(IAmazonDynamoDB client, string tableName, FunctionLogger logger) : IConnectionStore
{
    private readonly DynamoDbConnectionStore store = new(client, tableName);
    private readonly TableRecreator table = new(client, GatewayTable.Connections, tableName, logger);

    /// <inheritdoc />
    public Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(() => store.AddAsync(connection, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(async () =>
        {
            await store.RemoveAsync(connectionId, cancellationToken);
            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(() => store.GetUserIdAsync(connectionId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(() => store.ListConnectionIdsAsync(userId, cancellationToken), cancellationToken);
}

/// <summary>
/// The DynamoDB history store the gateway hosts, made to survive its table disappearing while the gateway runs: see
/// <see cref="TableRecreator"/>. Every stream starts over with a new epoch, as after a lost table on AWS.
/// </summary>
/// <param name="client">The DynamoDB client; the caller owns it.</param>
/// <param name="tableName">The history table.</param>
/// <param name="retention">How long a message is kept.</param>
/// <param name="logger">Where the recreation is logged.</param>
internal sealed class RecreatingHistoryStore(IAmazonDynamoDB client, string tableName, TimeSpan retention, FunctionLogger logger) : IHistoryStore
{
    private readonly DynamoDbHistoryStore store = new(client, tableName, retention);
    private readonly TableRecreator table = new(client, GatewayTable.History, tableName, logger);

    /// <inheritdoc />
    public Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(() => store.AppendAsync(userId, message, publishedAt, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(() => store.GetHeadAsync(userId, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default) =>
        table.WithTableAsync(() => store.ReadRangeAsync(userId, range, cancellationToken), cancellationToken);
}

/// <summary>
/// Runs a store's operation and, when it finds no table, recreates the table with its schema, says so in the log,
/// and runs the operation once more. What the old table held is gone with it.
/// </summary>
/// <param name="client">The DynamoDB client; the caller owns it.</param>
/// <param name="table">Which table.</param>
/// <param name="tableName">Its name.</param>
/// <param name="logger">Where the recreation is logged.</param>
internal sealed class TableRecreator(IAmazonDynamoDB client, GatewayTable table, string tableName, FunctionLogger logger)
{
    private readonly SemaphoreSlim recreating = new(1, 1);

    /// <summary>Runs <paramref name="operation"/>, recreating the table and running it again when the table is missing.</summary>
    public async Task<T> WithTableAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
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
            if (await TableBootstrap.CreateAsync(client, table, tableName, cancellationToken))
            {
                logger.Write(LogSeverity.Warn, $"{table.Holds} table recreated", ("table", tableName), ("endpoint", client.Config.ServiceURL),
                    ("reason", "the table disappeared (DynamoDB restarted?); what it held is lost"));
            }
        }
        finally
        {
            recreating.Release();
        }
    }
}
