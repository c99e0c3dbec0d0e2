using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Rtc.Contracts;
using Rtc.Functions.Storage;

namespace Rtc.Local.Hosting;

/// <summary>
/// Makes sure a table the gateway keeps in DynamoDB exists with the stack's schema: creates it, with its TTL, when
/// it is missing, and refuses a table of another shape, naming the difference, rather than failing every request
/// later.
/// </summary>
internal static class TableBootstrap
{
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// At startup: returns true when the table was created, false when it already existed with the right schema.
    /// Throws <see cref="GatewayStartupException"/> when DynamoDB cannot be reached, or the table has another key
    /// schema or lacks one of its indexes.
    /// </summary>
    public static async Task<bool> EnsureAsync(IAmazonDynamoDB client, GatewayTable table, string tableName, CancellationToken cancellationToken = default)
    {
        var endpoint = client.Config.ServiceURL;
        try
        {
            if (await DescribeAsync(client, tableName, cancellationToken) is not { } existing)
            {
                return await CreateAsync(client, table, tableName, cancellationToken);
            }

            return Mismatch(existing, TableRequests.Create(table.Schema, tableName)) is { } difference
                ? throw new GatewayStartupException(
                    $"Table {tableName} at {endpoint} {difference}; the gateway needs the stack's schema. Delete the table or name another with {table.Flag}.")
                : false;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException)
        {
            var port = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Port : 8000;
            throw new GatewayStartupException(
                $"DynamoDB is not reachable at {endpoint} ({exception.Message}). Start DynamoDB Local there " +
                $"(java -jar DynamoDBLocal.jar -inMemory -sharedDb -port {port}), or leave out --dynamodb-endpoint to keep connections and history in memory.",
                exception);
        }
        catch (AmazonServiceException exception)
        {
            throw new GatewayStartupException($"DynamoDB at {endpoint} refused to set up table {tableName}: {exception.ErrorCode}: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// Creates the table with the stack's schema and TTL; returns false when another process created it first.
    /// For a table that disappeared while the gateway runs (DynamoDB Local restarted with <c>-inMemory</c>).
    /// </summary>
    public static async Task<bool> CreateAsync(IAmazonDynamoDB client, GatewayTable table, string tableName, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.CreateTableAsync(TableRequests.Create(table.Schema, tableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            return false;
        }

        await WaitUntilActiveAsync(client, tableName, cancellationToken);
        await client.UpdateTimeToLiveAsync(TableRequests.EnableTimeToLive(table.Schema, tableName), cancellationToken);
        return true;
    }

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.DescribeTableAsync(tableName, cancellationToken)).Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    // How an existing table differs from what the store reads and writes; null when it does not.
    private static string? Mismatch(TableDescription table, CreateTableRequest expected)
    {
        var keys = Describe(table.KeySchema, table.AttributeDefinitions);
        var expectedKeys = Describe(expected.KeySchema, expected.AttributeDefinitions);
        if (keys != expectedKeys)
        {
            return $"has the key schema {keys}, not {expectedKeys}";
        }

        foreach (var expectedIndex in expected.GlobalSecondaryIndexes ?? [])
        {
            var index = table.GlobalSecondaryIndexes?.FirstOrDefault(candidate => candidate.IndexName == expectedIndex.IndexName);
            if (index is null)
            {
                return $"has no global secondary index {expectedIndex.IndexName}";
            }

            var indexKeys = Describe(index.KeySchema, table.AttributeDefinitions);
            var expectedIndexKeys = Describe(expectedIndex.KeySchema, expected.AttributeDefinitions);
            if (indexKeys != expectedIndexKeys)
            {
                return $"has index {index.IndexName} on {indexKeys}, not {expectedIndexKeys}";
            }
        }

        return null;
    }

    // e.g. "[connection_id (S) HASH]".
    private static string Describe(IEnumerable<KeySchemaElement>? keys, IEnumerable<AttributeDefinition>? attributes) =>
        "[" + string.Join(", ", (keys ?? []).Select(key =>
            $"{key.AttributeName} ({attributes?.FirstOrDefault(attribute => attribute.AttributeName == key.AttributeName)?.AttributeType?.Value ?? "?"}) {key.KeyType.Value}")) + "]";

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ActiveTimeout;
        while ((await client.DescribeTableAsync(tableName, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Table {tableName} was not ACTIVE within {ActiveTimeout}.");
            }

            // Real DynamoDB takes seconds to create a table; DynamoDB Local is ACTIVE at once.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}

/// <summary>A table the gateway keeps in DynamoDB: what it holds, the flag naming it and its schema, from the functions.</summary>
/// <param name="Holds">What it holds, in the log and in errors: <c>connection</c> or <c>history</c>.</param>
/// <param name="Flag">The option that names the table.</param>
/// <param name="Schema">Its keys, indexes and TTL, as the stack deploys them.</param>
internal sealed record GatewayTable(string Holds, string Flag, TableSchema Schema)
{
    /// <summary>The connection table (<c>--table</c>).</summary>
    public static GatewayTable Connections { get; } =
        new("connection", "--table", ConnectionTableSchema.Table);

    /// <summary>The history table (<c>--history-table</c>).</summary>
    public static GatewayTable History { get; } =
        new("history", "--history-table", HistoryTableSchema.Table);
}
