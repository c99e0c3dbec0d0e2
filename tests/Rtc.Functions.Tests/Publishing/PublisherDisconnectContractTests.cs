using Rtc.Testing.Management;

namespace Rtc.Functions.Tests.Publishing;

/// <summary>Disconnect requests (end a user's sessions now), on every store implementation.</summary>
public abstract partial class PublisherContractTests
{
    private const string SessionEnded = """POST {"type":"session_ended","reason":"signed out"}""";

    [Fact]
    public async Task ADisconnectTellsEveryConnectionOfTheUserThenClosesItAndDeletesItsRow()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=", "alice-3=");
        await harness.ConnectAsync("bob", "bob-1=");

        var result = await harness.DisconnectAsync("""{"disconnect":{"userIds":["alice"],"reason":"signed out"}}""");

        Assert.Equal((1, 3, 0), (result.Users, result.Closed, result.Gone));
        Assert.Empty(result.Failed);
        foreach (var connectionId in new[] { "alice-1=", "alice-2=", "alice-3=" })
        {
            Assert.Equal([SessionEnded, "DELETE"], harness.Stub.AnsweredFor(connectionId));
        }

        Assert.Empty(await harness.Store.ListConnectionIdsAsync("alice"));
        Assert.Equal(["bob-1="], await harness.Store.ListConnectionIdsAsync("bob"));
        Assert.Equal(0, harness.Stub.AttemptsFor("bob-1="));
        // Nothing is stored in history for a disconnect.
        Assert.Null(await harness.History!.GetHeadAsync("alice"));
    }

    [Fact]
    public async Task ADisconnectAsAnEventBridgeDetailEndsTheSessions()
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var result = await harness.DisconnectAsync(
            """{"source":"accounts","detail-type":"UserRemoved","detail":{"disconnect":{"userIds":["alice"],"reason":"signed out"}}}""");

        Assert.Equal((1, 1, 0), (result.Users, result.Closed, result.Gone));
        Assert.Equal([SessionEnded, "DELETE"], harness.Stub.AnsweredFor("alice-1="));
        Assert.Empty(await harness.Store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task ADisconnectCountsAnOldConnectionAnswering410AsGoneAndDeletesItsRow()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        harness.Stub.Script("alice-2=", StubReply.Gone);

        var result = await harness.DisconnectAsync("""{"disconnect":{"userIds":["alice"],"reason":"signed out"}}""");

        Assert.Equal((1, 1, 1), (result.Users, result.Closed, result.Gone));
        Assert.Empty(result.Failed);
        Assert.Empty(harness.Stub.AnsweredFor("alice-2="));
        Assert.Equal(1, harness.Stub.AttemptsFor("alice-2="));
        Assert.Empty(await harness.Store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task ADisconnectRacingAHandshakeRetriesAndClosesTheConnectionOnceItIsOpen()
    {
        await OpeningConnectionAsync("alice-new=");

        var disconnect = harness.DisconnectAsync("""{"disconnect":{"userIds":["alice"],"reason":"signed out"}}""");
        // More refusals than the attempts a 429 gets; bounded, so a disconnect that stops retrying fails rather than hangs.
        await harness.Stub.RefusedAsync("alice-new=", harness.Options.MaxAttempts + 1).WaitAsync(TimeSpan.FromSeconds(20));
        harness.Stub.CompleteHandshake("alice-new=");
        var result = await disconnect;

        Assert.Equal((1, 1, 0), (result.Users, result.Closed, result.Gone));
        Assert.Empty(result.Failed);
        Assert.Equal([SessionEnded, "DELETE"], harness.Stub.AnsweredFor("alice-new="));
        Assert.Empty(await harness.Store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task ADisconnectWhosePostFailsReportsItAndKeepsTheRow()
    {
        await harness.ConnectAsync("alice", "alice-1=");
        harness.Stub.Script("alice-1=", StubReply.Forbidden);

        var result = await harness.DisconnectAsync("""{"disconnect":{"userIds":["alice"],"reason":"signed out"}}""");

        Assert.Equal((0, 0), (result.Closed, result.Gone));
        Assert.Equal(new FailedDelivery("alice-1=", "alice", 403, "ForbiddenException"), Assert.Single(result.Failed));
        Assert.Equal(["alice-1="], await harness.Store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task ADisconnectResultAndLogLineUseTheDocumentedNames()
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var json = await harness.PublishRawAsync("""{"disconnect":{"userIds":["alice","alice"],"reason":""}}""");

        Assert.Equal("""{"users":1,"closed":1,"gone":0,"failed":[]}""", json);
        var line = Assert.Single(harness.LogLines, line => line.Contains("\"outcome\":\"disconnected\"", StringComparison.Ordinal));
        Assert.Contains("\"durationMs\":", line, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(PublishRequestParserTests.InvalidDisconnects), MemberType = typeof(PublishRequestParserTests))]
    public async Task InvalidDisconnectsFailWithInvalidPublishRequestAndTouchNothing(string eventJson, string expected)
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var error = await Assert.ThrowsAsync<InvocationException>(() => harness.DisconnectAsync(eventJson));

        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Stub.TotalAttempts);
        Assert.Equal(["alice-1="], await harness.Store.ListConnectionIdsAsync("alice"));
    }
}
