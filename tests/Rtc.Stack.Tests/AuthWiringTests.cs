namespace Rtc.Stack.Tests;

/// <summary>With <c>auth: jwt</c>, <c>$connect</c> goes through the authorizer; secrets stay out of templates.</summary>
public sealed class AuthWiringTests
{
    private static readonly Dictionary<string, string> Hs256 = new()
    {
        ["auth"] = "jwt",
        ["authIssuer"] = "https://issuer.example",
        ["authAudience"] = "rtc",
        ["authHs256Secret"] = "this-is-the-shared-secret-value-0123456789",
    };

    [Fact]
    public void ConnectRouteUsesTheRequestAuthorizerOnTheTokenQueryParameter()
    {
        var template = Templates.Prod();

        var route = template.Properties("connect-route");
        var authorizer = template.Properties("connect-authorizer");
        Assert.Equal("CUSTOM", (string)route["authorizationType"]!);
        Assert.Equal("${connect-authorizer.id}", (string)route["authorizerId"]!);
        Assert.Equal("REQUEST", (string)authorizer["authorizerType"]!);
        Assert.Equal("${authorizer-function.invokeArn}", (string)authorizer["authorizerUri"]!);
        Assert.Equal("route.request.querystring.token", (string)Assert.Single(authorizer["identitySources"]!.AsArray())!);
        Assert.Equal("NONE", (string)template.Properties("default-route")["authorizationType"]!);
    }

    [Fact]
    public void SubprotocolTokenSourceMakesTheProtocolHeaderTheIdentitySource()
    {
        var template = StackRun.ForProd(new Dictionary<string, string> { ["authTokenSource"] = "protocol" }).Template();

        Assert.Equal("route.request.header.Sec-WebSocket-Protocol",
            (string)template.Properties("connect-authorizer")["identitySources"]![0]!);
        Assert.Equal("protocol", (string)template["outputs"]!["clientConfig"]!["auth"]!["tokenSource"]!);
    }

    [Fact]
    public void AuthorizerFunctionGetsItsSettingsAndTheConnectionsFunctionTrustsOnlyIt()
    {
        var template = Templates.Prod();

        var authorizer = template.Properties("authorizer-function")["environment"]!["variables"]!;
        Assert.Equal("authorizer", (string)authorizer["RTC_HANDLER"]!);
        Assert.StartsWith("https://cognito-idp.", (string)authorizer["RTC_AUTH_ISSUER"]!);
        Assert.Equal("rtc-web-client", (string)authorizer["RTC_AUTH_AUDIENCE"]!);
        Assert.EndsWith("/.well-known/jwks.json", (string)authorizer["RTC_AUTH_JWKS_URL"]!);
        Assert.Equal("sub", (string)authorizer["RTC_AUTH_USER_CLAIM"]!);
        Assert.Equal("jwt", (string)template.Properties("connections-function")["environment"]!["variables"]!["RTC_AUTH"]!);
        Assert.Equal("none", (string)Templates.Dev().Properties("connections-function")["environment"]!["variables"]!["RTC_AUTH"]!);
    }

    [Fact]
    public void AuthorizerInvokePermissionIsScopedToThisApisAuthorizer()
    {
        var permission = Templates.Prod().Properties("authorizer-invoke-permission");

        Assert.Equal("${authorizer-function.name}", (string)permission["function"]!);
        Assert.Equal("${websocket-api.executionArn}/authorizers/${connect-authorizer.id}", (string)permission["sourceArn"]!);
    }

    [Fact]
    public void Hs256SecretIsReferencedAsASecretAndNeverInlined()
    {
        var run = StackRun.ForStack("dev", Hs256);
        var template = run.Template();

        Assert.DoesNotContain(Hs256["authHs256Secret"], run.Stdout);
        Assert.DoesNotContain(Hs256["authHs256Secret"], run.Stderr);
        Assert.Equal("${authHs256Secret}",
            (string)template.Properties("authorizer-function")["environment"]!["variables"]!["RTC_AUTH_HS256_SECRET"]!["fn::secret"]!);
    }

    [Fact]
    public void ClientConfigTellsClientsHowToPassTheirIdentity()
    {
        // Exactly the three shapes the browser client accepts (client/src/rtc-client.js, readConfig): a missing
        // property would make every client refuse the configuration.
        const string None = """{"mode":"none","queryParameter":"user_id"}""";
        const string Query = """{"mode":"jwt","tokenSource":"query","queryParameter":"token"}""";
        const string Protocol = """{"mode":"jwt","tokenSource":"protocol","subprotocols":["rtc","<token>"]}""";

        AssertAuth(None, Templates.Dev());
        // Cognito (a JWKS URL) and an HS256 secret alike: how the authorizer checks a token is no concern of clients.
        AssertAuth(Query, Templates.Prod());
        AssertAuth(Query, StackRun.ForStack("dev", Hs256).Template());
        AssertAuth(Protocol, StackRun.ForStack("dev", new Dictionary<string, string>(Hs256) { ["authTokenSource"] = "protocol" }).Template());
    }

    private static void AssertAuth(string expected, JsonNode template)
    {
        var auth = template["outputs"]!["clientConfig"]!["auth"]!;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), auth), $"expected {expected}, got {auth.ToJsonString()}");
    }

    [Fact]
    public void ProductionStackWithoutAuthFailsNamingTheKeyAndTheOverride()
    {
        var run = StackRun.ForProd(new Dictionary<string, string> { ["auth"] = "none" });

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Stdout);
        Assert.Contains("'rtc-pulumi:auth'", run.Stderr);
        Assert.Contains("allowUnauthenticatedConnections", run.Stderr);
    }

    [Fact]
    public void ProductionStackWithoutAuthCompilesWithTheLoudOverride()
    {
        var template = StackRun.ForProd(new Dictionary<string, string>
        {
            ["auth"] = "none", ["allowUnauthenticatedConnections"] = "true",
        }).Template();

        Assert.Empty(template.OfType("aws:apigatewayv2/authorizer:Authorizer"));
        Assert.Equal("NONE", (string)template.Properties("connect-route")["authorizationType"]!);
    }
}
