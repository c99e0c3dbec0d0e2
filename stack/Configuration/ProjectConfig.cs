using System.Text.Json;
using Rtc.Contracts;
using Rtc.Stack.Packaging;

namespace Rtc.Stack.Configuration;

/// <summary>
/// Every project config key, declared once with its name, type, default, allowed values and meaning (each key's
/// summary argument is its documentation). The reader accepts exactly these, and <c>Pulumi.yaml</c>'s
/// <c>config:</c> block is written from them (<c>--write-project-config</c>); a test fails when the two differ.
/// Adding a key is one declaration here, plus its use in <see cref="StackSettingsReader"/>.
/// </summary>
internal static class ProjectConfig
{
    /// <summary>The Pulumi project name: the namespace of every key in <c>PULUMI_CONFIG</c>.</summary>
    public const string ProjectName = "rtc-pulumi";

    /// <summary>
    /// What the stack files ship in values people must fill in (<c>Pulumi.prod.yaml</c>'s issuer and JWKS URL);
    /// a value holding it is refused, naming the command that sets it.
    /// </summary>
    public const string Placeholder = "REPLACEME";

    // Declared before every key: static fields initialise in textual order, and each key adds itself here.
    private static readonly List<ConfigKey> Declared = [];

    /// <summary>The retention periods CloudWatch Logs accepts, in days.</summary>
    public static readonly IReadOnlyList<int> RetentionPeriods =
        [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

    public static readonly ChoiceKey<string> Architecture = Declare(new ChoiceKey<string>("architecture", LambdaArchitecture.X86_64.Name,
        [.. LambdaArchitecture.All.Select(architecture => (architecture.Name, architecture.Name))],
        "Lambda architecture of every function; the code is built for it."));

    public static readonly ChoiceKey<Packaging.FunctionPackaging> FunctionPackaging = Declare(new ChoiceKey<Packaging.FunctionPackaging>("functionPackaging", "aot",
        [("aot", Packaging.FunctionPackaging.Aot), ("managed", Packaging.FunctionPackaging.Managed)],
        "How the functions are built and run - a Native AOT bootstrap on provided.al2023 (aot) or ReadyToRun on dotnet10 (managed)."));

    public static readonly IntegerKey MemorySize = Declare(new IntegerKey("memorySize", 512, 128, 10240,
        "Memory of every function, in MB."));

    public static readonly IntegerKey Timeout = Declare(new IntegerKey("timeout", 29, 1, 900,
        "Timeout of every function, in seconds; API Gateway waits at most 29 s for an integration."));

    public static readonly IntegerKey LogRetentionDays = Declare(new IntegerKey("logRetentionDays", 14, RetentionPeriods,
        "Retention of every log group, in days (a CloudWatch Logs retention period)."));

    public static readonly IntegerKey ThrottlingBurstLimit = Declare(new IntegerKey("throttlingBurstLimit", 100, 0, 5000,
        "The stage's default route burst limit, in requests."));

    public static readonly IntegerKey ThrottlingRateLimit = Declare(new IntegerKey("throttlingRateLimit", 50, 0, 10000,
        "The stage's default route steady-state rate limit, in requests per second."));

    public static readonly BooleanKey AccessLogs = Declare(new BooleanKey("accessLogs", true,
        "JSON access logs of the stage; needs API Gateway's CloudWatch Logs role set for the account and region (see manageApiGatewayAccount)."));

    // The account setting is one per account and region: two stacks setting it would overwrite each other.
    public static readonly BooleanKey ManageApiGatewayAccount = Declare(new BooleanKey("manageApiGatewayAccount", false,
        "Creates API Gateway's CloudWatch Logs role and sets it for the whole account and region; only one stack per account and region may set it."));

    public static readonly IntegerKey HeartbeatSeconds = Declare(new IntegerKey("heartbeatSeconds", ClientConfig.DefaultHeartbeatSeconds, 10, 540,
        "How often clients send ping, in seconds, published in clientConfig; under API Gateway's 10-minute idle timeout."));

    // The publisher's own limits: the stack accepts exactly what the function accepts at start-up.
    public static readonly IntegerKey PublishConcurrency = Declare(new IntegerKey("publishConcurrency",
        FunctionSettings.DefaultPublishConcurrency, FunctionSettings.MinPublishConcurrency, FunctionSettings.MaxPublishConcurrency,
        $"Posts in flight per publisher invocation (the publisher's {EnvironmentVariables.PublishConcurrency})."));

    // The functions' own retention range (RTC_HISTORY_SECONDS), in whole hours, plus 0 for off.
    public static readonly IntegerKey HistoryHours = Declare(new IntegerKey("historyHours",
        FunctionSettings.DefaultHistorySeconds / 3600, 0, FunctionSettings.MaxHistorySeconds / 3600,
        $"How long each user's messages are kept for resume after a reconnect, in hours (the functions' {EnvironmentVariables.HistorySeconds}); 0 turns history off and creates no history table."));

    public static readonly BooleanKey Production = Declare(new BooleanKey("production", false,
        "Production-like stack - table protection and point-in-time recovery, alarms, authorised connections."));

    public static readonly TextKey AlarmTopicArn = Declare(new TextKey("alarmTopicArn", "",
        "empty or an SNS topic ARN (arn:...:sns:...)",
        "SNS topic the production alarms notify; empty for none.",
        arn => arn.Length == 0 || (arn.StartsWith("arn:", StringComparison.Ordinal) && arn.Contains(":sns:", StringComparison.Ordinal))
            ? null
            : "is not an SNS topic ARN"));

    public static readonly TextKey EventBusName = Declare(new TextKey("eventBusName", "default", "a bus name",
        "EventBridge bus of the optional publisher rule.",
        bus => bus.Length == 0 ? "is empty" : null));

    public static readonly TextKey EventPattern = Declare(new TextKey("eventPattern", "",
        "empty or a JSON object (an EventBridge event pattern)",
        "EventBridge event pattern whose events invoke the publisher; empty for no rule.",
        EventPatternProblem));

    public static readonly ChoiceKey<AuthMode> Auth = Declare(new ChoiceKey<AuthMode>("auth", AuthModes.None,
        [(AuthModes.None, AuthMode.None), (AuthModes.Jwt, AuthMode.Jwt)],
        "How $connect is authorised - anyone with a user_id (none) or a JWT checked by a Lambda authorizer (jwt)."));

    public static readonly TextKey AuthIssuer = Declare(new TextKey("authIssuer", "",
        "the token issuer; required when auth is jwt",
        "The JWT issuer (iss) the authorizer accepts."));

    public static readonly TextKey AuthAudience = Declare(new TextKey("authAudience", "",
        "the token audience; required when auth is jwt",
        "The JWT audience (aud) the authorizer accepts."));

    public static readonly TextKey AuthJwksUrl = Declare(new TextKey("authJwksUrl", "", "empty or an https URL",
        "The issuer's JWKS URL; when auth is jwt, set exactly one of it and the HS256 secret.",
        url => url.Length == 0 || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps)
            ? null
            : "is not an https URL"));

    // Length only: the value itself is never kept, logged or printed.
    public static readonly TextKey AuthHs256Secret = Declare(new TextKey("authHs256Secret", "", $"empty or at least {FunctionSettings.MinHs256SecretBytes} characters",
        "A shared HS256 secret instead of the JWKS URL, set with pulumi config set --secret; the template references it, never inlines it.",
        secret => secret.Length is > 0 and < FunctionSettings.MinHs256SecretBytes ? $"is shorter than {FunctionSettings.MinHs256SecretBytes} characters" : null) { Secret = true });

    public static readonly TextKey AuthUserClaim = Declare(new TextKey("authUserClaim", FunctionSettings.DefaultUserClaim, "a claim name",
        "The claim that holds the user id.",
        claim => claim.Length == 0 ? "is empty" : null));

    public static readonly ChoiceKey<TokenSource> AuthTokenSource = Declare(new ChoiceKey<TokenSource>("authTokenSource", Handshake.TokenInQuery,
        [(Handshake.TokenInQuery, TokenSource.Query), (Handshake.TokenInSubprotocol, TokenSource.Protocol)],
        "Where clients put the token - the token query parameter (query) or Sec-WebSocket-Protocol: rtc, <token> (protocol)."));

    public static readonly BooleanKey AllowUnauthenticatedConnections = Declare(new BooleanKey("allowUnauthenticatedConnections", false,
        "DANGER - lets a production stack run with auth none, so anyone can read anyone's notifications."));

    /// <summary>Every key, in declaration order (the order of Pulumi.yaml's <c>config:</c> block).</summary>
    public static IReadOnlyList<ConfigKey> All => Declared;

    private static TKey Declare<TKey>(TKey key)
        where TKey : ConfigKey
    {
        Declared.Add(key);
        return key;
    }

    private static string? EventPatternProblem(string pattern)
    {
        if (pattern.Length == 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(pattern);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.EnumerateObject().Any()
                ? null
                : "is not a non-empty JSON object";
        }
        catch (JsonException)
        {
            return "is not valid JSON";
        }
    }
}
