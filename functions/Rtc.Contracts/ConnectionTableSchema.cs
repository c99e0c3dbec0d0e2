namespace Rtc.Contracts;

/// <summary>
/// The connection table's schema, defined once: the DynamoDB store reads and writes these attributes, the stack
/// deploys <see cref="Table"/>, and tests and the local gateway create tables from it.
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

    /// <summary>Keyed on the connection, with <see cref="UserIdIndex"/> to find a user's connections.</summary>
    public static TableSchema Table { get; } = new(
        new KeyAttribute(ConnectionIdAttribute, KeyAttribute.String),
        SortKey: null,
        [new TableIndex(UserIdIndex, new KeyAttribute(UserIdAttribute, KeyAttribute.String))],
        ExpiresAtAttribute);
}
