using Rtc.Contracts;

namespace Rtc.Local.Configuration;

/// <summary>How the local gateway runs. Every quota defaults to API Gateway's value.</summary>
public sealed record GatewayOptions
{
    public const int DefaultPort = 3001;

    /// <summary>The loopback port to listen on (<c>--port</c>). Default <see cref="DefaultPort"/>; 0 picks a free one.</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The stage name in every path (<c>--stage</c>). Default <c>local</c>.</summary>
    public string Stage { get; init; } = "local";

    /// <summary>The region requests are signed for (<c>--region</c>). Default <c>us-east-1</c>.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>The API id in events and GetConnection (<c>--api-id</c>). Default <c>localrtc01</c>.</summary>
    public string ApiId { get; init; } = "localrtc01";

    /// <summary>DynamoDB endpoint (<c>--dynamodb-endpoint</c>); null keeps connections and history in memory (the default).</summary>
    public Uri? DynamoDbEndpoint { get; init; }

    /// <summary>The connection table's name when DynamoDB is used (<c>--table</c>). Default <c>rtc-local-connections</c>.</summary>
    public string TableName { get; init; } = "rtc-local-connections";

    /// <summary>
    /// How long each user's messages are kept for resume, in seconds (<c>--history-seconds</c>); 0 turns history off.
    /// Default <see cref="FunctionSettings.DefaultHistorySeconds"/> (24 hours), as deployed.
    /// </summary>
    public int HistorySeconds { get; init; } = FunctionSettings.DefaultHistorySeconds;

    /// <summary>The history table's name when DynamoDB is used (<c>--history-table</c>). Default <c>rtc-local-history</c>.</summary>
    public string HistoryTableName { get; init; } = "rtc-local-history";

    /// <summary>Whether the functions keep history (<see cref="HistorySeconds"/> above 0).</summary>
    public bool HistoryEnabled => HistorySeconds > 0;

    /// <summary>Whether management and invoke requests must carry a valid SigV4 signature. Default true (<c>--no-signature-check</c> turns it off).</summary>
    public bool RequireSignature { get; init; } = true;

    /// <summary>Largest accepted frame (<c>--max-frame-bytes</c>). Default 32 KB, API Gateway's frame quota.</summary>
    public int MaxFrameBytes { get; init; } = WebSocketQuotas.MaxClientFrameBytes;

    /// <summary>Largest accepted message, and largest PostToConnection body (<c>--max-message-bytes</c>). Default 128 KB.</summary>
    public int MaxMessageBytes { get; init; } = WebSocketQuotas.MaxMessageBytes;

    /// <summary>A connection with no message from its client for this long is closed (<c>--idle-timeout</c>). Default 10 minutes.</summary>
    public TimeSpan IdleTimeout { get; init; } = WebSocketQuotas.IdleTimeout;

    /// <summary>Every connection is closed after this long (<c>--max-duration</c>). Default 2 hours.</summary>
    public TimeSpan MaxDuration { get; init; } = WebSocketQuotas.MaxConnectionDuration;

    /// <summary>New connections accepted per second, with an equal burst (<c>--connect-rate</c>). Default 500.</summary>
    public int ConnectRatePerSecond { get; init; } = 500;

    /// <summary>How long one function invocation may run (<c>--invoke-timeout</c>). Default 30 seconds.</summary>
    public TimeSpan InvokeTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Faults injected into the management API. Default none.</summary>
    public FaultOptions Faults { get; init; } = new();

    /// <summary>
    /// When true (<c>--abrupt-drop</c>), a socket that vanishes without a close frame is forgotten without
    /// <c>$disconnect</c>, as when API Gateway's best-effort <c>$disconnect</c> is lost. Default false.
    /// </summary>
    public bool AbruptDrop { get; init; }

    /// <summary>Whether <c>$connect</c> runs the authorizer (<c>--auth</c>): <c>none</c> (default) or <c>jwt</c>.</summary>
    public AuthMode Auth { get; init; } = AuthMode.None;
}

/// <summary>Faults the management API injects, for tests and benchmarks. Defaults inject nothing.</summary>
public sealed record FaultOptions
{
    /// <summary>Added before every management API answer (<c>--management-latency</c>). Default zero.</summary>
    public TimeSpan ManagementLatency { get; init; } = TimeSpan.Zero;

    /// <summary>Probability (0 to 1) of answering 429 LimitExceededException (<c>--management-throttle-rate</c>). Default 0.</summary>
    public double ThrottleRate { get; init; }

    /// <summary>Probability (0 to 1) of answering 500 InternalServerErrorException (<c>--management-error-rate</c>). Default 0.</summary>
    public double ErrorRate { get; init; }
}
