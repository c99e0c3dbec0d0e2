using Rtc.Stack.Packaging;

namespace Rtc.Stack.Configuration;

/// <summary>One stack's validated settings: everything the template depends on.</summary>
/// <param name="StackName">The stack (and stage) name, or null when Pulumi runs the program without a stack.</param>
/// <param name="Architecture">Lambda architecture: <c>x86_64</c> or <c>arm64</c>.</param>
/// <param name="Packaging">How the functions are compiled and run. Default <see cref="FunctionPackaging.Aot"/>.</param>
/// <param name="MemorySize">Function memory in MB.</param>
/// <param name="Timeout">Function timeout in seconds.</param>
/// <param name="LogRetentionDays">Log retention in days.</param>
/// <param name="ThrottlingBurstLimit">Stage default route burst limit.</param>
/// <param name="ThrottlingRateLimit">Stage default route rate limit.</param>
/// <param name="AccessLogs">Whether the stage writes access logs.</param>
/// <param name="ManageApiGatewayAccount">Whether the stack sets API Gateway's CloudWatch Logs role for the account and region.</param>
/// <param name="HeartbeatSeconds">Client heartbeat interval, published in <c>clientConfig</c>.</param>
/// <param name="PublishConcurrency">The publisher's <c>RTC_PUBLISH_CONCURRENCY</c>.</param>
/// <param name="HistoryHours">How long messages are kept for resume, in hours; 0 when history is off.</param>
/// <param name="Production">Whether protections and alarms are on and authorised connections are required.</param>
/// <param name="AlarmTopicArn">Where alarms notify, or empty.</param>
/// <param name="Events">The optional EventBridge trigger.</param>
/// <param name="Auth">The authorizer's settings.</param>
internal sealed record StackSettings(
    string? StackName,
    string Architecture,
    FunctionPackaging Packaging,
    int MemorySize,
    int Timeout,
    int LogRetentionDays,
    int ThrottlingBurstLimit,
    int ThrottlingRateLimit,
    bool AccessLogs,
    bool ManageApiGatewayAccount,
    int HeartbeatSeconds,
    int PublishConcurrency,
    int HistoryHours,
    bool Production,
    string AlarmTopicArn,
    EventTrigger? Events,
    AuthSettings Auth)
{
    /// <summary>Whether the stack keeps history (a history table, sequenced messages, the resume route's replays).</summary>
    public bool HistoryEnabled => HistoryHours > 0;

    /// <summary>The retention in seconds: the functions' <c>RTC_HISTORY_SECONDS</c>; 0 when history is off.</summary>
    public int HistorySeconds => HistoryHours * 3600;
}
