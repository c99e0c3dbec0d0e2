using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.History;

/// <summary>
/// The history table in DynamoDB, through the low-level client and the attributes of
/// <see cref="HistoryTableSchema"/>. Appending is two writes: <c>UpdateItem</c> with <c>ADD</c> on the head
/// allocates the number atomically (never read-then-write), then <c>PutItem</c> stores the message. Reads use
/// <c>Query</c> only, so the connections function needs no other read permission.
/// </summary>
/// <param name="client">The DynamoDB client, built when first used; the caller owns it.</param>
/// <param name="tableName">The history table.</param>
/// <param name="retention">How long a message is kept after it was published (its TTL).</param>
/// <param name="queryPageSize">Items per Query page of <see cref="ReadRangeAsync"/>; null (default) lets DynamoDB
/// fill each page up to 1 MB. Tests set it small to exercise paging.</param>
public sealed class DynamoDbHistoryStore(Lazy<IAmazonDynamoDB> client, string tableName, TimeSpan retention, int? queryPageSize = null) : IHistoryStore
{
    private const string UserName = "#user_id";
    private const string SeqName = "#seq";
    private const string EpochName = "#epoch";
    private const string LastSeqName = "#last_seq";
    private const string PublishedAtName = "#published_at";
    private const string UserValue = ":user_id";
    private const string HeadValue = ":head";
    private const string FromValue = ":from";
    private const string ThroughValue = ":through";
    private const string OneValue = ":one";
    private const string EpochValue = ":epoch";
    private const string PublishedAtValue = ":published_at";

    /// <summary>A store over a client that is already built.</summary>
    public DynamoDbHistoryStore(IAmazonDynamoDB client, string tableName, TimeSpan retention, int? queryPageSize = null)
        : this(new Lazy<IAmazonDynamoDB>(client), tableName, retention, queryPageSize)
    {
    }

    /// <summary>
    /// A store on <c>RTC_HISTORY_TABLE</c> keeping messages <c>RTC_HISTORY_SECONDS</c>, with the process's
    /// client (<see cref="DynamoDbClients.Process"/>, the connection store's); null when history is off. Throws,
    /// naming the variable and its range, when <c>RTC_HISTORY_SECONDS</c> is invalid.
    /// </summary>
    public static DynamoDbHistoryStore? FromEnvironment(IFunctionEnvironment environment) =>
        HistoryOptions.FromEnvironment(environment) is { } options
            ? new DynamoDbHistoryStore(DynamoDbClients.Process, options.TableName, options.Retention)
            : null;

    /// <inheritdoc />
    public async Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
    {
        // ADD on a missing item starts from 0 and creates the item, so the first append makes the head; a new
        // epoch is offered every time and kept only by the append that creates it (if_not_exists), so racing
        // first appends all read back the same one.
        // https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateItem.html
        var head = await client.Value.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = tableName,
            Key = Key(userId, HistoryTableSchema.HeadSeq),
            UpdateExpression = $"ADD {LastSeqName} {OneValue} SET {EpochName} = if_not_exists({EpochName}, {EpochValue}), {PublishedAtName} = {PublishedAtValue}",
            ExpressionAttributeNames = new Dictionary<string, string>
            {
                [LastSeqName] = HistoryTableSchema.LastSeqAttribute,
                [EpochName] = HistoryTableSchema.EpochAttribute,
                [PublishedAtName] = HistoryTableSchema.PublishedAtAttribute,
            },
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [OneValue] = Number(1),
                [EpochValue] = new() { S = StreamEpoch.New() },
                [PublishedAtValue] = Number(publishedAt.ToUnixTimeMilliseconds()),
            },
            ReturnValues = ReturnValue.ALL_NEW,
        }, cancellationToken);

        var position = new HistoryPosition(
            head.Attributes[HistoryTableSchema.EpochAttribute].S,
            ParseLong(head.Attributes[HistoryTableSchema.LastSeqAttribute]));

        // Unconditional: a lost stream's leftover at this number is overwritten, never mistaken for this message.
        var item = Key(userId, position.Seq);
        item[HistoryTableSchema.EpochAttribute] = new AttributeValue { S = position.Epoch };
        item[HistoryTableSchema.MessageAttribute] = new AttributeValue { S = Encoding.UTF8.GetString(message.Span) };
        item[HistoryTableSchema.PublishedAtAttribute] = Number(publishedAt.ToUnixTimeMilliseconds());
        item[HistoryTableSchema.ExpiresAtAttribute] = Number((publishedAt + retention).ToUnixTimeSeconds());
        await client.Value.PutItemAsync(new PutItemRequest { TableName = tableName, Item = item }, cancellationToken);
        return position;
    }

    /// <inheritdoc />
    public async Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default)
    {
        var response = await client.Value.QueryAsync(new QueryRequest
        {
            TableName = tableName,
            KeyConditionExpression = $"{UserName} = {UserValue} AND {SeqName} = {HeadValue}",
            ExpressionAttributeNames = KeyNames(),
            ExpressionAttributeValues = new Dictionary<string, AttributeValue>
            {
                [UserValue] = new() { S = userId },
                [HeadValue] = Number(HistoryTableSchema.HeadSeq),
            },
            ConsistentRead = true,
        }, cancellationToken);

        // SDK v4 leaves collections null when DynamoDB sends none.
        return response.Items is [var head, ..]
            ? new HistoryHead(
                head[HistoryTableSchema.EpochAttribute].S,
                ParseLong(head[HistoryTableSchema.LastSeqAttribute]),
                DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(head[HistoryTableSchema.PublishedAtAttribute])))
            : null;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default)
    {
        var read = new List<StoredMessage>();
        if (range.Through <= range.After)
        {
            return read;
        }

        long bytes = 0;
        Dictionary<string, AttributeValue>? startKey = null;
        do
        {
            var wanted = range.MaxMessages - read.Count;
            var response = await client.Value.QueryAsync(new QueryRequest
            {
                TableName = tableName,
                KeyConditionExpression = $"{UserName} = {UserValue} AND {SeqName} BETWEEN {FromValue} AND {ThroughValue}",
                ExpressionAttributeNames = KeyNames(),
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [UserValue] = new() { S = userId },
                    [FromValue] = Number(range.After + 1),
                    [ThroughValue] = Number(range.Through),
                },
                ConsistentRead = true,
                ScanIndexForward = true,
                Limit = queryPageSize is { } pageSize ? Math.Min(pageSize, wanted) : wanted,
                ExclusiveStartKey = startKey,
            }, cancellationToken);

            foreach (var item in response.Items ?? [])
            {
                if (!range.HasRoomAfter(read.Count, bytes))
                {
                    return read;
                }

                var stored = ToStoredMessage(item);
                read.Add(stored);
                bytes += stored.Data.Length;
            }

            startKey = response.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (startKey is not null && range.HasRoomAfter(read.Count, bytes));

        return read;
    }

    private static Dictionary<string, AttributeValue> Key(string userId, long seq) => new()
    {
        [HistoryTableSchema.UserIdAttribute] = new AttributeValue { S = userId },
        [HistoryTableSchema.SeqAttribute] = Number(seq),
    };

    private static Dictionary<string, string> KeyNames() => new()
    {
        [UserName] = HistoryTableSchema.UserIdAttribute,
        [SeqName] = HistoryTableSchema.SeqAttribute,
    };

    private static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static long ParseLong(AttributeValue value) => long.Parse(value.N, CultureInfo.InvariantCulture);

    private static StoredMessage ToStoredMessage(Dictionary<string, AttributeValue> item) => new(
        ParseLong(item[HistoryTableSchema.SeqAttribute]),
        item[HistoryTableSchema.EpochAttribute].S,
        Encoding.UTF8.GetBytes(item[HistoryTableSchema.MessageAttribute].S),
        DateTimeOffset.FromUnixTimeMilliseconds(ParseLong(item[HistoryTableSchema.PublishedAtAttribute])),
        DateTimeOffset.FromUnixTimeSeconds(ParseLong(item[HistoryTableSchema.ExpiresAtAttribute])));
}
