using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Authorization;
using Rtc.Functions.Runtime;
using Rtc.Testing.Events;

namespace Rtc.Functions.Tests.Authorization;

/// <summary>Runs an <see cref="AuthorizerHandler"/> on events and records what it logged.</summary>
internal sealed class AuthorizerHarness(AuthorizerSettings settings, ISigningKeySource keySource, TimeProvider clock)
{
    private readonly StringWriter log = new();

    public static AuthorizerSettings JwksSettings(Uri jwksUrl, string userClaim = FunctionSettings.DefaultUserClaim) => new()
    {
        Issuer = TestIssuer.IssuerName,
        Audience = TestIssuer.AudienceName,
        JwksUrl = jwksUrl,
        UserClaim = userClaim,
    };

    public static AuthorizerSettings SecretSettings() => new()
    {
        Issuer = TestIssuer.IssuerName,
        Audience = TestIssuer.AudienceName,
        Hs256Secret = TestIssuer.Hs256Secret,
    };

    /// <summary>Everything the handler logged, one JSON object per line.</summary>
    public string LogText => log.ToString();

    public async Task<AuthorizerResponse> InvokeAsync(string eventJson)
    {
        var handler = new AuthorizerHandler(settings, keySource, clock, new FunctionLogger(log, clock));
        var json = await handler.HandleAsync(eventJson, new InvocationContext("lambda-request-1", clock.GetUtcNow().AddSeconds(3)));
        return JsonSerializer.Deserialize(json, AuthorizerJsonContext.Default.AuthorizerResponse)!;
    }

    /// <summary>
    /// Asserts the handler refuses with an explicit Deny on the event's route for an anonymous principal, with no
    /// context: a normal answer (API Gateway's 403), not an invocation error that Lambda would count in Errors.
    /// </summary>
    public async Task RefusedAsync(string eventJson, string methodArn = AuthorizerEvents.ConnectArn)
    {
        var response = await InvokeAsync(eventJson);

        var statement = Assert.Single(response.PolicyDocument.Statement);
        Assert.Equal(("execute-api:Invoke", "Deny", methodArn), (statement.Action, statement.Effect, statement.Resource));
        Assert.Equal(AuthorizerHandler.AnonymousPrincipal, response.PrincipalId);
        Assert.Null(response.Context);
    }

    /// <summary>Asserts the handler refuses with a Deny (<see cref="RefusedAsync"/>) and returns the logged reason.</summary>
    public async Task<string> RefusedReasonAsync(string eventJson)
    {
        await RefusedAsync(eventJson);
        var line = LastLogLine();
        Assert.Equal("deny", line.GetProperty("outcome").GetString());
        Assert.True(line.GetProperty("durationMs").GetDouble() >= 0);
        return line.GetProperty("reason").GetString()!;
    }

    public JsonElement LastLogLine() => LogLines()[^1];

    /// <summary>The log lines; read only once no invocation is running, as the writer is not meant for concurrent reads.</summary>
    public IReadOnlyList<JsonElement> LogLines() =>
        [.. LogText.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonDocument.Parse(line).RootElement)];
}
