using System.Text.Json.Nodes;
using Rtc.Functions.Storage;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// The connection table, with the schema <see cref="ConnectionTableSchema"/> defines: partition key
/// <c>connection_id</c>, keys-only GSI on <c>user_id</c>, TTL on <c>expires_at</c>, and what every table has
/// (<see cref="DynamoDbTable"/>).
/// </summary>
internal static class ConnectionTableComponent
{
    /// <summary>Declares the table.</summary>
    public static ResourceRef Declare(StackTemplate template, StackSettings settings) =>
        DynamoDbTable.Declare(template, settings, "connections", new JsonObject
        {
            ["hashKey"] = ConnectionTableSchema.ConnectionIdAttribute,
            ["attributes"] = new JsonArray(
                DynamoDbTable.Attribute(ConnectionTableSchema.ConnectionIdAttribute, DynamoDbTable.StringType),
                DynamoDbTable.Attribute(ConnectionTableSchema.UserIdAttribute, DynamoDbTable.StringType)),
            ["globalSecondaryIndexes"] = new JsonArray(new JsonObject
            {
                ["name"] = ConnectionTableSchema.UserIdIndex,
                ["keySchemas"] = new JsonArray(new JsonObject
                {
                    ["attributeName"] = ConnectionTableSchema.UserIdAttribute,
                    ["keyType"] = "HASH",
                }),
                ["projectionType"] = "KEYS_ONLY",
            }),
        }, ConnectionTableSchema.ExpiresAtAttribute);
}
