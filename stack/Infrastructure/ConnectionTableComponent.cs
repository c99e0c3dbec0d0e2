using System.Text.Json.Nodes;
using Rtc.Functions.Storage;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// The connection table, with the schema <see cref="ConnectionTableSchema"/> defines: partition key
/// <c>connection_id</c>, keys-only GSI on <c>user_id</c>, TTL, on-demand billing, encryption at rest. Production
/// adds point-in-time recovery, deletion protection and Pulumi's <c>protect</c>.
/// </summary>
internal static class ConnectionTableComponent
{
    /// <summary>Declares the table.</summary>
    public static ResourceRef Declare(StackTemplate template, StackSettings settings)
    {
        var properties = new JsonObject
        {
            ["name"] = Naming.Physical("connections"),
            ["billingMode"] = "PAY_PER_REQUEST",
            ["hashKey"] = ConnectionTableSchema.ConnectionIdAttribute,
            ["attributes"] = new JsonArray(
                Attribute(ConnectionTableSchema.ConnectionIdAttribute),
                Attribute(ConnectionTableSchema.UserIdAttribute)),
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
            ["ttl"] = new JsonObject { ["attributeName"] = ConnectionTableSchema.ExpiresAtAttribute, ["enabled"] = true },
            ["serverSideEncryption"] = new JsonObject { ["enabled"] = true },
            ["tags"] = Tags.Standard(),
        };
        if (settings.Production)
        {
            properties["pointInTimeRecovery"] = new JsonObject { ["enabled"] = true };
            properties["deletionProtectionEnabled"] = true;
        }

        return template.Resource("connections-table", "aws:dynamodb/table:Table", properties,
            new ResourceOptions(Protect: settings.Production));
    }

    private static JsonObject Attribute(string name) => new() { ["name"] = name, ["type"] = "S" };
}
