using System.Text.Json.Nodes;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// What every table of the stack has: on-demand billing, TTL, encryption at rest and the standard tags; a
/// production stack adds point-in-time recovery, deletion protection and Pulumi's <c>protect</c>.
/// </summary>
internal static class DynamoDbTable
{
    /// <summary>The string attribute type.</summary>
    public const string StringType = "S";

    /// <summary>The number attribute type.</summary>
    public const string NumberType = "N";

    /// <summary>
    /// Declares <c>{role}-table</c>, physically <c>{project}-{stack}-{role}</c>, with <paramref name="keys"/> (its
    /// key schema, attributes and indexes) and TTL on <paramref name="ttlAttribute"/>.
    /// </summary>
    public static ResourceRef Declare(StackTemplate template, StackSettings settings, string role, JsonObject keys, string ttlAttribute)
    {
        var properties = new JsonObject
        {
            ["name"] = Naming.Physical(role),
            ["billingMode"] = "PAY_PER_REQUEST",
        };
        foreach (var (name, value) in keys)
        {
            properties[name] = value?.DeepClone();
        }

        properties["ttl"] = new JsonObject { ["attributeName"] = ttlAttribute, ["enabled"] = true };
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

    /// <summary>An attribute definition: <c>{name, type}</c>, type <see cref="StringType"/> or <see cref="NumberType"/>.</summary>
    public static JsonObject Attribute(string name, string type) => new() { ["name"] = name, ["type"] = type };
}
