using Rtc.Functions.Configuration;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Every project config key, defined once: the reader accepts exactly these, and a test holds <c>Pulumi.yaml</c>'s
/// <c>config:</c> block to the same names, types and defaults.
/// </summary>
internal static class ProjectConfig
{
    /// <summary>The Pulumi project name: the namespace of every key in <c>PULUMI_CONFIG</c>.</summary>
    public const string ProjectName = "rtc-pulumi";

    /// <summary>Lambda CPU architecture of every function.</summary>
    public static readonly ConfigKeyDefinition Architecture = new("architecture", "string", "x86_64", "x86_64 or arm64");

    /// <summary>Memory of every function, in MB.</summary>
    public static readonly ConfigKeyDefinition MemorySize = new("memorySize", "integer", "512", "an integer from 128 to 10240");

    /// <summary>Timeout of every function, in seconds.</summary>
    public static readonly ConfigKeyDefinition Timeout = new("timeout", "integer", "29", "an integer from 1 to 900");

    /// <summary>Retention of every log group, in days.</summary>
    public static readonly ConfigKeyDefinition LogRetentionDays = new("logRetentionDays", "integer", "14",
        "one of CloudWatch's retention periods: " + string.Join(", ", StackSettingsReader.RetentionPeriods));

    /// <summary>The stage's default route burst limit (requests).</summary>
    public static readonly ConfigKeyDefinition ThrottlingBurstLimit = new("throttlingBurstLimit", "integer", "100", "an integer from 0 to 5000");

    /// <summary>The stage's default route steady-state rate limit (requests per second).</summary>
    public static readonly ConfigKeyDefinition ThrottlingRateLimit = new("throttlingRateLimit", "integer", "50", "an integer from 0 to 10000");

    /// <summary>How often clients send <c>ping</c>; under API Gateway's 10-minute idle timeout.</summary>
    public static readonly ConfigKeyDefinition HeartbeatSeconds = new("heartbeatSeconds", "integer", "300", "an integer from 10 to 540 (under the 10-minute idle timeout)");

    /// <summary>Posts in flight per publisher invocation.</summary>
    public static readonly ConfigKeyDefinition PublishConcurrency = new("publishConcurrency", "integer", "64", "an integer from 1 to 1000");

    /// <summary>Whether this stack is production-like: protections, alarms, and authorised connections.</summary>
    public static readonly ConfigKeyDefinition Production = new("production", "boolean", "false", "true or false");

    /// <summary>An SNS topic ARN the production alarms notify; empty for none.</summary>
    public static readonly ConfigKeyDefinition AlarmTopicArn = new("alarmTopicArn", "string", "", "empty or an SNS topic ARN (arn:...:sns:...)");

    /// <summary>The EventBridge bus the optional publisher rule listens on.</summary>
    public static readonly ConfigKeyDefinition EventBusName = new("eventBusName", "string", "default", "a bus name");

    /// <summary>An EventBridge event pattern (JSON object) that triggers the publisher; empty for no rule.</summary>
    public static readonly ConfigKeyDefinition EventPattern = new("eventPattern", "string", "", "empty or a JSON object (an EventBridge event pattern)");

    /// <summary>How <c>$connect</c> is authorised.</summary>
    public static readonly ConfigKeyDefinition Auth = new("auth", "string", AuthModes.None, string.Join(" or ", AuthModes.Names));

    /// <summary>The JWT issuer (<c>iss</c>) the authorizer accepts.</summary>
    public static readonly ConfigKeyDefinition AuthIssuer = new("authIssuer", "string", "", "the token issuer; required when auth is jwt");

    /// <summary>The JWT audience (<c>aud</c>) the authorizer accepts.</summary>
    public static readonly ConfigKeyDefinition AuthAudience = new("authAudience", "string", "", "the token audience; required when auth is jwt");

    /// <summary>The issuer's JWKS URL.</summary>
    public static readonly ConfigKeyDefinition AuthJwksUrl = new("authJwksUrl", "string", "", "empty or an https URL; exactly one of authJwksUrl and authHs256Secret when auth is jwt");

    /// <summary>A shared HS256 secret (a Pulumi secret), instead of a JWKS URL.</summary>
    public static readonly ConfigKeyDefinition AuthHs256Secret = new("authHs256Secret", "string", "", "empty or at least 32 characters, set with --secret; exactly one of authJwksUrl and authHs256Secret when auth is jwt", Secret: true);

    /// <summary>The claim holding the user id.</summary>
    public static readonly ConfigKeyDefinition AuthUserClaim = new("authUserClaim", "string", "sub", "a claim name");

    /// <summary>Where clients put the token: the <c>token</c> query parameter or <c>Sec-WebSocket-Protocol</c>.</summary>
    public static readonly ConfigKeyDefinition AuthTokenSource = new("authTokenSource", "string", "query", "query or protocol");

    /// <summary>The loud override that lets a production stack run with <c>auth: none</c>.</summary>
    public static readonly ConfigKeyDefinition AllowUnauthenticatedConnections = new("allowUnauthenticatedConnections", "boolean", "false", "true or false");

    /// <summary>Every key, in the order Pulumi.yaml declares them.</summary>
    public static readonly IReadOnlyList<ConfigKeyDefinition> All =
    [
        Architecture, MemorySize, Timeout, LogRetentionDays, ThrottlingBurstLimit, ThrottlingRateLimit, HeartbeatSeconds,
        PublishConcurrency, Production, AlarmTopicArn, EventBusName, EventPattern, Auth, AuthIssuer, AuthAudience,
        AuthJwksUrl, AuthHs256Secret, AuthUserClaim, AuthTokenSource, AllowUnauthenticatedConnections,
    ];
}
