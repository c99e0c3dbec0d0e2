using System.Text.Json.Nodes;
using Rtc.Functions.History;
using Rtc.Stack.Configuration;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// The history table, with the schema <see cref="HistoryTableSchema"/> defines: partition key <c>user_id</c> (S),
/// sort key <c>seq</c> (N, the stream's head at 0), TTL on <c>expires_at</c>, and what every table has
/// (<see cref="DynamoDbTable"/>). Only declared when history is on (<c>historyHours</c> above 0).
/// </summary>
internal static class HistoryTableComponent
{
    /// <summary>Declares the table.</summary>
    public static ResourceRef Declare(StackTemplate template, StackSettings settings) =>
        DynamoDbTable.Declare(template, settings, "history", new JsonObject
        {
            ["hashKey"] = HistoryTableSchema.UserIdAttribute,
            ["rangeKey"] = HistoryTableSchema.SeqAttribute,
            ["attributes"] = new JsonArray(
                DynamoDbTable.Attribute(HistoryTableSchema.UserIdAttribute, DynamoDbTable.StringType),
                DynamoDbTable.Attribute(HistoryTableSchema.SeqAttribute, DynamoDbTable.NumberType)),
        }, HistoryTableSchema.ExpiresAtAttribute);
}
