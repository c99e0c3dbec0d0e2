namespace Rtc.Contracts;

/// <summary>Every environment variable the functions read, in one place.</summary>
public static class EnvironmentVariables
{
    /// <summary>Which handler this process runs: one of <see cref="HandlerNames.All"/>.</summary>
    public const string Handler = "RTC_HANDLER";

    public const string TableName = "TABLE_NAME";

    /// <summary>The WebSocket API's domain, <c>{apiId}.execute-api.{region}.{dnsSuffix}</c>.</summary>
    public const string WebSocketDomain = "WEBSOCKET_DOMAIN";

    public const string WebSocketStage = "WEBSOCKET_STAGE";

    /// <summary>A full management API base URL; wins over domain and stage (local use).</summary>
    public const string ManagementEndpoint = "RTC_MANAGEMENT_ENDPOINT";

    /// <summary>Posts in flight per publisher invocation. Default 64.</summary>
    public const string PublishConcurrency = "RTC_PUBLISH_CONCURRENCY";

    /// <summary>The history table's name; unset or empty turns history off (messages carry no <c>seq</c>/<c>epoch</c>).</summary>
    public const string HistoryTable = "RTC_HISTORY_TABLE";

    /// <summary>How long a message is kept for resume, in seconds. Default 86400 (24 hours).</summary>
    public const string HistorySeconds = "RTC_HISTORY_SECONDS";

    /// <summary>Whether <c>$connect</c> is authorised: <c>none</c> (default) or <c>jwt</c>.</summary>
    public const string AuthMode = "RTC_AUTH";

    /// <summary>The JWT issuer the authorizer accepts.</summary>
    public const string AuthIssuer = "RTC_AUTH_ISSUER";

    /// <summary>The JWT audience the authorizer accepts.</summary>
    public const string AuthAudience = "RTC_AUTH_AUDIENCE";

    /// <summary>The JWKS URL of the token issuer (RS256/ES256 keys).</summary>
    public const string AuthJwksUrl = "RTC_AUTH_JWKS_URL";

    /// <summary>A shared HS256 secret, instead of a JWKS URL.</summary>
    public const string AuthHs256Secret = "RTC_AUTH_HS256_SECRET";

    /// <summary>The claim that holds the user id. Default <c>sub</c>.</summary>
    public const string AuthUserClaim = "RTC_AUTH_USER_CLAIM";

    /// <summary>The AWS region (set by Lambda).</summary>
    public const string Region = "AWS_REGION";

    /// <summary>The Runtime API's host and port (set by Lambda).</summary>
    public const string RuntimeApi = "AWS_LAMBDA_RUNTIME_API";

    /// <summary><c>1</c> writes the start-up phases to standard error (see the functions' <c>StartupTrace</c>); for the cold-start benchmark.</summary>
    public const string StartupTrace = "RTC_STARTUP_TRACE";
}
