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
/// <param name="HeartbeatSeconds">Client heartbeat interval, published in <c>clientConfig</c>.</param>
/// <param name="PublishConcurrency">The publisher's <c>RTC_PUBLISH_CONCURRENCY</c>.</param>
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
    int HeartbeatSeconds,
    int PublishConcurrency,
    bool Production,
    string AlarmTopicArn,
    EventTrigger? Events,
    AuthSettings Auth);
