using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Functions.Connections;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Testing.Events;

namespace Rtc.Functions.Tests.Connections;

public sealed class ConnectionsHandlerTests
{
    private const string ConnectionId = "Pq3XneYuoAMCJ5w=";

    // connectedAt in the captured events, epoch milliseconds.
    private static readonly DateTimeOffset ConnectedAt = DateTimeOffset.FromUnixTimeMilliseconds(1795867547123);

    [Fact]
    public async Task ConnectWithUserIdInTheQueryStringStoresTheConnectionUnderThatUser()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-query.json", ConnectedAt));

        Assert.Equal(200, response.StatusCode);
        var row = harness.Store.Row(ConnectionId);
        Assert.NotNull(row);
        Assert.Equal("alice", row.UserId);
        Assert.Equal(ConnectedAt, row.ConnectedAt);
        Assert.Equal(ConnectedAt + TimeSpan.FromMinutes(125), row.ExpiresAt);
        Assert.Equal("203.0.113.17", row.SourceIp);
        Assert.StartsWith("Mozilla/5.0", row.UserAgent);
    }

    [Fact]
    public async Task ConnectWithoutQueryStringIsRefusedWith400AndWritesNothing()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("connect-without-query.json"));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(harness.Store.Row(ConnectionId));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task ConnectWithEmptyUserIdIsRefusedWith400(string userId)
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(WithUserId(userId));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(harness.Store.Row(ConnectionId));
    }

    [Fact]
    public async Task ConnectWithUserIdOf257CharactersIsRefusedWith400()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("connect-user-id-257-chars.json"));

        Assert.Equal(400, response.StatusCode);
        Assert.Null(harness.Store.Row(ConnectionId));
    }

    [Fact]
    public async Task ConnectWithUserIdOf256CharactersIsAccepted()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(WithUserId(new string('u', 256)));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(new string('u', 256), harness.Store.Row(ConnectionId)?.UserId);
    }

    [Fact]
    public async Task ConnectWithAuthorizerTakesTheUserFromThePrincipalNotTheQueryString()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-authorizer.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("bob", harness.Store.Row(ConnectionId)?.UserId);
    }

    [Fact]
    public async Task ConnectOfferingTheRtcSubprotocolIsAnsweredWithRtc()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-authorizer.json"));

        Assert.Equal("rtc", Assert.Single(response.Headers!, header => header.Key == "Sec-WebSocket-Protocol").Value);
    }

    [Fact]
    public async Task ConnectOfferingRtcAloneInALowerCaseHeaderIsAnsweredWithRtc()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.ReadWith("connect-with-query.json", json =>
            json["headers"]!.AsObject()["sec-websocket-protocol"] = "rtc"));

        Assert.Equal("rtc", response.Headers?["Sec-WebSocket-Protocol"]);
    }

    [Fact]
    public async Task ConnectOfferingOnlyOtherSubprotocolsAcceptsNone()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.ReadWith("connect-with-query.json", json =>
            json["headers"]!.AsObject()["Sec-WebSocket-Protocol"] = "graphql-ws, rtc-v2"));

        Assert.Equal(200, response.StatusCode);
        Assert.Null(response.Headers);
    }

    [Fact]
    public async Task ConnectOfferingNoSubprotocolGetsNoProtocolHeader()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));

        Assert.Null(response.Headers);
    }

    [Fact]
    public async Task ConnectWithJwtAuthIgnoresUserIdInTheQueryStringAndRefusesWith401()
    {
        var harness = new ConnectionsHandlerHarness(AuthMode.Jwt);

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));

        Assert.Equal(401, response.StatusCode);
        Assert.Null(harness.Store.Row(ConnectionId));
    }

    [Fact]
    public async Task ConnectWithJwtAuthStoresTheAuthorisedPrincipal()
    {
        var harness = new ConnectionsHandlerHarness(AuthMode.Jwt);

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-authorizer.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("bob", harness.Store.Row(ConnectionId)?.UserId);
        Assert.Empty(await harness.Store.ListConnectionIdsAsync("mallory"));
    }

    [Fact]
    public async Task ConnectWithAConnectionIdAlreadyStoredIsRefusedAndKeepsTheFirstRow()
    {
        var harness = new ConnectionsHandlerHarness();
        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));

        var response = await harness.InvokeAsync(EventFiles.Read("connect-with-authorizer.json"));

        Assert.Equal(500, response.StatusCode);
        Assert.Equal("alice", harness.Store.Row(ConnectionId)?.UserId);
    }

    [Fact]
    public async Task DisconnectDeletesTheRowAndLogsTheCloseCodeAndReason()
    {
        var harness = new ConnectionsHandlerHarness();
        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));

        var response = await harness.InvokeAsync(EventFiles.Read("disconnect-1001.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Null(harness.Store.Row(ConnectionId));
        var line = harness.LogLines[^1];
        Assert.Equal(1001, line.GetProperty("closeCode").GetInt32());
        Assert.Equal("Going away", line.GetProperty("closeReason").GetString());
    }

    [Fact]
    public async Task DisconnectOfUnknownConnectionStillSucceeds()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("disconnect-1001.json"));

        Assert.Equal(200, response.StatusCode);
    }

    [Fact]
    public async Task AReplyToAGoneConnectionWhoseRowCannotBeRemovedStillSucceedsAndLogsIt()
    {
        var harness = new ConnectionsHandlerHarness();
        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));
        harness.Management.Outcome = ManagementOutcome.Gone;
        harness.Store.RemoveFailure = new TimeoutException("the table did not answer");

        var response = await harness.InvokeAsync(EventFiles.Read("default-json.json"));

        Assert.Equal(200, response.StatusCode);
        var warning = Assert.Single(harness.LogLines, line => line.GetProperty("message").GetString() == "gone connection not removed");
        Assert.Equal(ConnectionId, warning.GetProperty("connectionId").GetString());
        Assert.Equal(nameof(TimeoutException), warning.GetProperty("errorType").GetString());
        Assert.Equal("gone", harness.LogLines[^1].GetProperty("reply").GetString());
    }

    [Fact]
    public async Task DefaultWithJsonBodyRepliesUnknownActionNamingTheAction()
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.Read("default-json.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(
            (ConnectionId, """{"type":"error","error":"unknown_action","action":"subscribe"}"""),
            Assert.Single(harness.Management.Posts));
    }

    [Fact]
    public async Task AReplyToAConnectionTheManagementApiCallsGoneRemovesItsRow()
    {
        var harness = new ConnectionsHandlerHarness();
        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));
        harness.Management.Outcome = ManagementOutcome.Gone;

        var response = await harness.InvokeAsync(EventFiles.Read("default-json.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Null(harness.Store.Row(ConnectionId));
    }

    [Fact]
    public async Task DefaultWithJsonBodyWithoutActionRepliesUnknownActionWithEmptyAction()
    {
        var harness = new ConnectionsHandlerHarness();

        await harness.InvokeAsync(EventFiles.ReadWith("default-json.json", json => json["body"] = """{"topic":"orders"}"""));

        Assert.Equal("""{"type":"error","error":"unknown_action","action":""}""", Assert.Single(harness.Management.Posts).Message);
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("[1,2]")]
    [InlineData("{\"action\":")]
    [InlineData("")]
    public async Task DefaultWithABodyThatIsNotAJsonObjectRepliesInvalidJson(string body)
    {
        var harness = new ConnectionsHandlerHarness();

        var response = await harness.InvokeAsync(EventFiles.ReadWith("default-non-json.json", json => json["body"] = body));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"type":"error","error":"invalid_json"}""", Assert.Single(harness.Management.Posts).Message);
    }

    [Fact]
    public async Task DefaultWithNonJsonBodyFromTheCapturedEventRepliesInvalidJson()
    {
        var harness = new ConnectionsHandlerHarness();

        await harness.InvokeAsync(EventFiles.Read("default-non-json.json"));

        Assert.Equal("""{"type":"error","error":"invalid_json"}""", Assert.Single(harness.Management.Posts).Message);
    }

    [Fact]
    public async Task DefaultStillAnswersWhenTheManagementApiThrows()
    {
        var harness = new ConnectionsHandlerHarness();
        harness.Management.Failure = new HttpRequestException("connection refused");

        var response = await harness.InvokeAsync(EventFiles.Read("default-json.json"));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("error", harness.LogLines[^1].GetProperty("reply").GetString());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("""{"requestContext":null}""")]
    [InlineData("""{"requestContext":{"routeKey":"$connect","connectedAt":"yesterday"}}""")]
    public async Task AnEventThatIsNotAWebSocketEventIsAnInvalidWebSocketEventError(string eventJson)
    {
        var harness = new ConnectionsHandlerHarness();

        var error = await Assert.ThrowsAsync<InvocationException>(() => harness.InvokeAsync(eventJson));

        Assert.Equal(ConnectionsHandler.InvalidEventErrorType, error.ErrorType);
    }

    [Fact]
    public async Task EachInvocationWritesOneJsonLogLineWithRouteConnectionUserOutcomeAndDuration()
    {
        var harness = new ConnectionsHandlerHarness();

        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));

        var line = Assert.Single(harness.LogLines);
        Assert.Equal("$connect", line.GetProperty("route").GetString());
        Assert.Equal(ConnectionId, line.GetProperty("connectionId").GetString());
        Assert.Equal("alice", line.GetProperty("userId").GetString());
        Assert.Equal("connected", line.GetProperty("outcome").GetString());
        Assert.True(line.GetProperty("durationMs").GetDouble() >= 0);
    }

    [Fact]
    public async Task LogLinesCarryNeitherMessageBodiesNorTokens()
    {
        var harness = new ConnectionsHandlerHarness();

        await harness.InvokeAsync(EventFiles.Read("connect-with-authorizer.json"));
        await harness.InvokeAsync(EventFiles.Read("default-json.json"));

        Assert.Equal(2, harness.LogLines.Count);
        Assert.DoesNotContain("eyJ", harness.LogText);
        Assert.DoesNotContain("orders", harness.LogText);
        Assert.DoesNotContain("subscribe", harness.LogText);
    }

    [Fact]
    public void AnAuthModeOtherThanNoneOrJwtIsRefusedNamingTheAllowedValues()
    {
        var environment = new DictionaryEnvironment(new Dictionary<string, string?> { [EnvironmentVariables.AuthMode] = "oauth" });

        var error = Assert.Throws<InvalidOperationException>(() => ConnectUserResolver.FromEnvironment(environment));

        Assert.Contains("RTC_AUTH", error.Message);
        Assert.Contains("none, jwt", error.Message);
    }

    [Fact]
    public void CreatingTheHandlerWithoutTableNameFailsNamingTheVariable()
    {
        var services = FunctionServices.FromEnvironment(new DictionaryEnvironment(new Dictionary<string, string?>()));

        var error = Assert.Throws<InvalidOperationException>(() => ConnectionsHandler.FromServices(services));

        Assert.Contains(EnvironmentVariables.TableName, error.Message);
    }

    private static string WithUserId(string userId) => EventFiles.ReadWith("connect-with-query.json", json =>
    {
        json["queryStringParameters"] = new JsonObject { ["user_id"] = userId };
        json["multiValueQueryStringParameters"] = new JsonObject { ["user_id"] = new JsonArray(userId) };
    });
}
