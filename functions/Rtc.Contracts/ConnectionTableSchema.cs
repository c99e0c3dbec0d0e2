using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Functions.Contracts;

namespace Rtc.Functions.Storage;

/// <summary>
/// The connection table's schema, defined once: the DynamoDB store reads and writes these attributes, the stack
/// deploys this key schema, and tests and the local gateway create tables from <see cref="CreateTableRequest"/>.
/// </summary>
public static class ConnectionTableSchema
{
    /// <summary>Partition key (S).</summary>
    public const string ConnectionIdAttribute = "connection_id";

    /// <summary>The user (S); partition key of <see cref="UserIdIndex"/>.</summary>
    public const string UserIdAttribute = "user_id";

    /// <summary>When the connection opened (N, epoch milliseconds).</summary>
    public const string ConnectedAtAttribute = "connected_at";

    /// <summary>The table's TTL attribute (N, epoch seconds).</summary>
    public const string ExpiresAtAttribute = "expires_at";

    /// <summary>The client's address (S).</summary>
    public const string SourceIpAttribute = "source_ip";

    /// <summary>The client's user agent (S).</summary>
    public const string UserAgentAttribute = "user_agent";

    /// <summary>The global secondary index on <see cref="UserIdAttribute"/>, projecting keys only.</summary>
    public const string UserIdIndex = "UserIdIndex";

    /// <summary>
    /// How long a row outlives its connection's start: API Gateway's 2-hour maximum connection duration plus
    /// 5 minutes, so a row whose <c>$disconnect</c> never arrived still expires.
    /// </summary>
    public static readonly TimeSpan RowLifetime = WebSocketQuotas.MaxConnectionDuration + TimeSpan.FromMinutes(5);

    /// <summary>A request that creates the table exactly as the stack deploys it (on-demand billing).</summary>
    public static CreateTableRequest CreateTableRequest(string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(ConnectionIdAttribute, ScalarAttributeType.S),
            new AttributeDefinition(UserIdAttribute, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(ConnectionIdAttribute, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = UserIdIndex,
                KeySchema = [new KeySchemaElement(UserIdAttribute, KeyType.HASH)],
                Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            },
        ],
    };

    /// <summary>The request that turns on TTL on <see cref="ExpiresAtAttribute"/>.</summary>
    public static UpdateTimeToLiveRequest EnableTimeToLiveRequest(string tableName) => new()
    {
        TableName = tableName,
        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = ExpiresAtAttribute, Enabled = true },
    };
}
