using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Contracts;

namespace Rtc.Functions.Storage;

/// <summary>The SDK's requests for a <see cref="TableSchema"/>: how tests and the local gateway create the tables the stack deploys.</summary>
public static class TableRequests
{
    /// <summary>A request that creates <paramref name="tableName"/> exactly as the stack deploys <paramref name="schema"/> (on-demand billing).</summary>
    public static CreateTableRequest Create(TableSchema schema, string tableName) => new()
    {
        TableName = tableName,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [.. schema.KeyAttributes.Select(key => new AttributeDefinition(key.Name, new ScalarAttributeType(key.Type)))],
        KeySchema = schema.SortKey is null
            ? [new KeySchemaElement(schema.PartitionKey.Name, KeyType.HASH)]
            : [new KeySchemaElement(schema.PartitionKey.Name, KeyType.HASH), new KeySchemaElement(schema.SortKey.Name, KeyType.RANGE)],
        GlobalSecondaryIndexes = schema.Indexes.Count == 0
            ? null
            : [.. schema.Indexes.Select(index => new GlobalSecondaryIndex
            {
                IndexName = index.Name,
                KeySchema = [new KeySchemaElement(index.PartitionKey.Name, KeyType.HASH)],
                Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            })],
    };

    /// <summary>The request that turns on TTL on the schema's <see cref="TableSchema.TimeToLiveAttribute"/>.</summary>
    public static UpdateTimeToLiveRequest EnableTimeToLive(TableSchema schema, string tableName) => new()
    {
        TableName = tableName,
        TimeToLiveSpecification = new TimeToLiveSpecification { AttributeName = schema.TimeToLiveAttribute, Enabled = true },
    };
}
