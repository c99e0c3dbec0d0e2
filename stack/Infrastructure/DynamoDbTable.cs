using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// A table as its <see cref="TableSchema"/> states it (keys, keys-only indexes, TTL), with what every table of the
/// stack has: on-demand billing, encryption at rest and the standard tags; a production stack adds point-in-time
/// recovery, deletion protection and Pulumi's <c>protect</c>.
/// </summary>
internal static class DynamoDbTable
{
    /// <summary>Declares <c>{role}-table</c>, physically <c>{project}-{stack}-{role}</c>.</summary>
    public static ResourceRef Declare(StackTemplate template, StackSettings settings, string role, TableSchema schema)
    {
        var properties = new JsonObject
        {
            ["name"] = Naming.Physical(role),
            ["billingMode"] = "PAY_PER_REQUEST",
            ["hashKey"] = schema.PartitionKey.Name,
        };
        if (schema.SortKey is not null)
        {
            properties["rangeKey"] = schema.SortKey.Name;
        }

        properties["attributes"] = new JsonArray([.. schema.KeyAttributes.Select(key => new JsonObject { ["name"] = key.Name, ["type"] = key.Type })]);
        if (schema.Indexes.Count > 0)
        {
            properties["globalSecondaryIndexes"] = new JsonArray([.. schema.Indexes.Select(index => new JsonObject
            {
                ["name"] = index.Name,
                ["keySchemas"] = new JsonArray(new JsonObject { ["attributeName"] = index.PartitionKey.Name, ["keyType"] = "HASH" }),
                ["projectionType"] = "KEYS_ONLY",
            })]);
        }

        properties["ttl"] = new JsonObject { ["attributeName"] = schema.TimeToLiveAttribute, ["enabled"] = true };
        properties["serverSideEncryption"] = new JsonObject { ["enabled"] = true };
        properties["tags"] = Tags.Standard();
        if (settings.Production)
        {
            properties["pointInTimeRecovery"] = new JsonObject { ["enabled"] = true };
            properties["deletionProtectionEnabled"] = true;
        }

        return template.Resource($"{role}-table", "aws:dynamodb/table:Table", properties,
            new ResourceOptions(Protect: settings.Production));
    }
}
