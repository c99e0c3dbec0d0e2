namespace Rtc.Contracts;

/// <summary>
/// A DynamoDB table's keys, indexes and TTL attribute, stated once per table (<see cref="ConnectionTableSchema"/>,
/// <see cref="HistoryTableSchema"/>): the stack deploys it, and the functions turn it into the SDK's requests that
/// tests and the local gateway create tables with. Every table is on-demand, and its indexes project keys only.
/// </summary>
/// <param name="PartitionKey">The partition (hash) key.</param>
/// <param name="SortKey">The sort (range) key, or null.</param>
/// <param name="Indexes">Global secondary indexes, each projecting keys only.</param>
/// <param name="TimeToLiveAttribute">The attribute DynamoDB's TTL reads (N, epoch seconds).</param>
public sealed record TableSchema(KeyAttribute PartitionKey, KeyAttribute? SortKey, IReadOnlyList<TableIndex> Indexes, string TimeToLiveAttribute)
{
    /// <summary>Every key attribute of the table and its indexes, each once, in order of appearance.</summary>
    public IReadOnlyList<KeyAttribute> KeyAttributes { get; } =
        [.. new[] { PartitionKey, SortKey }.Concat(Indexes.Select(index => index.PartitionKey)).OfType<KeyAttribute>().Distinct()];
}

/// <summary>A key attribute and its DynamoDB type.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Type"><see cref="String"/> or <see cref="Number"/>, as DynamoDB spells them.</param>
public sealed record KeyAttribute(string Name, string Type)
{
    /// <summary>DynamoDB's string type.</summary>
    public const string String = "S";

    /// <summary>DynamoDB's number type.</summary>
    public const string Number = "N";
}

/// <summary>A global secondary index keyed on one attribute, projecting keys only.</summary>
public sealed record TableIndex(string Name, KeyAttribute PartitionKey);
