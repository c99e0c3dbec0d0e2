using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Storage;

/// <summary>
/// The connection table in DynamoDB, through the low-level client and the attributes of
/// <see cref="ConnectionTableSchema"/>.
/// </summary>
/// <param name="client">The DynamoDB client, built when first used; the caller owns it.</param>
/// <param name="tableName">The connection table.</param>
/// <param name="queryPageSize">Items per Query page of <see cref="ListConnectionIdsAsync"/>; null (default) lets
/// DynamoDB fill each page up to 1 MB. Tests set it small to exercise paging.</param>
public sealed class DynamoDbConnectionStore(Lazy<IAmazonDynamoDB> client, string tableName, int? queryPageSize = null) : IConnectionStore
{
    private const string KeyName = "#connection_id";
    private const string UserName = "#user_id";
    private const string UserValue = ":user_id";
    private const string AttributeName = "#attribute";

    /// <summary>A store over a client that is already built.</summary>
    public DynamoDbConnectionStore(IAmazonDynamoDB client, string tableName, int? queryPageSize = null)
        : this(new Lazy<IAmazonDynamoDB>(client), tableName, queryPageSize)
    {
    }

    /// <summary>
    /// A store on <c>TABLE_NAME</c> with the process's client (<see cref="DynamoDbClients.Process"/>). Throws, naming
    /// the variable, when <c>TABLE_NAME</c> is unset.
    /// </summary>
    public static DynamoDbConnectionStore FromEnvironment(IFunctionEnvironment environment)
    {
        var tableName = environment.Get(EnvironmentVariables.TableName)
            ?? throw new InvalidOperationException($"{EnvironmentVariables.TableName} is not set: the connections table's name is required.");
        return new DynamoDbConnectionStore(DynamoDbClients.Process, tableName);
    }

    /// <inheritdoc />
    public async Task<bool> AddAsync(Connection connection, CancellationToken cancellationToken = default)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [ConnectionTableSchema.ConnectionIdAttribute] = new() { S = connection.ConnectionId },
            [ConnectionTableSchema.UserIdAttribute] = new() { S = connection.UserId },
            [ConnectionTableSchema.ConnectedAtAttribute] = Number(connection.ConnectedAt.ToUnixTimeMilliseconds()),
            [ConnectionTableSchema.ExpiresAtAttribute] = Number(connection.ExpiresAt.ToUnixTimeSeconds()),
        };
        // DynamoDB refuses empty strings only in keys, but an absent attribute says "unknown" more plainly.
        if (!string.IsNullOrEmpty(connection.SourceIp))
        {
            item[ConnectionTableSchema.SourceIpAttribute] = new AttributeValue { S = connection.SourceIp };
        }

        if (!string.IsNullOrEmpty(connection.UserAgent))
        {
            item[ConnectionTableSchema.UserAgentAttribute] = new AttributeValue { S = connection.UserAgent };
        }

        try
        {
            await client.Value.PutItemAsync(new PutItemRequest
            {
                TableName = tableName,
                Item = item,
                ConditionExpression = $"attribute_not_exists({KeyName})",
                ExpressionAttributeNames = new Dictionary<string, string> { [KeyName] = ConnectionTableSchema.ConnectionIdAttribute },
            }, cancellationToken);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(string connectionId, CancellationToken cancellationToken = default) =>
        client.Value.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(connectionId) }, cancellationToken);

    /// <inheritdoc />
    public async Task<string?> GetUserIdAsync(string connectionId, CancellationToken cancellationToken = default) =>
        (await GetAttributeAsync(connectionId, ConnectionTableSchema.UserIdAttribute, cancellationToken))?.S;

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetConnectedAtAsync(string connectionId, CancellationToken cancellationToken = default) =>
        await GetAttributeAsync(connectionId, ConnectionTableSchema.ConnectedAtAttribute, cancellationToken) is { N: { } millis }
            ? DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(millis, NumberStyles.Integer, CultureInfo.InvariantCulture))
            : null;

    // One attribute of a row, read strongly consistent: the row was written by $connect before anyone could ask.
    private async Task<AttributeValue?> GetAttributeAsync(string connectionId, string attribute, CancellationToken cancellationToken)
    {
        var response = await client.Value.GetItemAsync(new GetItemRequest
        {
            TableName = tableName,
            Key = Key(connectionId),
            ProjectionExpression = AttributeName,
            ExpressionAttributeNames = new Dictionary<string, string> { [AttributeName] = attribute },
            ConsistentRead = true,
        }, cancellationToken);

        // SDK v4 leaves Item null when there is no such row.
        return response.Item is { } item && item.TryGetValue(attribute, out var value) ? value : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListConnectionIdsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var response = await client.Value.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                IndexName = ConnectionTableSchema.UserIdIndex,
                KeyConditionExpression = $"{UserName} = {UserValue}",
                ExpressionAttributeNames = new Dictionary<string, string> { [UserName] = ConnectionTableSchema.UserIdAttribute },
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [UserValue] = new() { S = userId } },
                ProjectionExpression = ConnectionTableSchema.ConnectionIdAttribute,
                Limit = queryPageSize,
                ExclusiveStartKey = startKey,
            }, cancellationToken);
            ids.AddRange((response.Items ?? []).Select(item => item[ConnectionTableSchema.ConnectionIdAttribute].S));
            // SDK v4 leaves collections null when DynamoDB sends none; either way there are no more pages.
            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null);

        return ids;
    }

    private static Dictionary<string, AttributeValue> Key(string connectionId) =>
        new() { [ConnectionTableSchema.ConnectionIdAttribute] = new AttributeValue { S = connectionId } };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };
}
