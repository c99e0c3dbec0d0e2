using Rtc.Functions.Tests.History;
using Rtc.Testing.Management;

namespace Rtc.Functions.Tests.Publishing;

/// <summary>
/// The publisher's behaviour over real HTTP with history on (as deployed), run once per store implementation
/// (connection and history stores of the same kind).
/// </summary>
public abstract partial class PublisherContractTests : IAsyncLifetime
{
    private const string Message = """{"type":"order","id":"o-1","items":[1,2,3]}""";

    private PublisherHarness harness = null!;

    /// <summary>A fresh, empty connection store.</summary>
    protected abstract Task<IConnectionStore> CreateStoreAsync();

    /// <summary>A fresh, empty history store.</summary>
    protected abstract Task<IHistoryStore> CreateHistoryStoreAsync();

    public async Task InitializeAsync() => harness = await PublisherHarness.StartAsync(await CreateStoreAsync(), await CreateHistoryStoreAsync());

    public async Task DisposeAsync() => await harness.DisposeAsync();

    /// <summary>
    /// A connection of alice whose <c>$connect</c> has just stored its row while its handshake has not completed: the
    /// stub answers 410 until the test completes it. Retries back off 5, 10, 20, 20, ... ms, so a retrying publisher
    /// neither spins nor sleeps long.
    /// </summary>
    private async Task OpeningConnectionAsync(string connectionId)
    {
        await harness.ConnectAsync("alice", TimeSpan.Zero, connectionId);
        harness.Stub.BeginHandshake(connectionId);
        harness.Options = harness.Options with { RetryDelayCap = TimeSpan.FromMilliseconds(20) };
        harness.Jitter = new FixedRandom(1);
    }

    /// <summary>The envelope posted to <paramref name="connectionId"/>, which must be the only post it got.</summary>
    private ClientFrame OnlyEnvelopeFor(string connectionId)
    {
        var frame = ClientFrame.Read(Assert.Single(harness.Stub.MessagesFor(connectionId)));
        Assert.Equal("message", frame.Type);
        return frame;
    }

    [Fact]
    public async Task EveryConnectionOfEveryNamedUserReceivesTheMessageExactlyOnce()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=", "alice-3=");
        await harness.ConnectAsync("bob", "bob-1=", "bob-2=");
        await harness.ConnectAsync("carol", "carol-1=");

        var result = await harness.PublishAsync($$"""{"userIds":["alice","bob"],"message":{{Message}}}""");

        Assert.Equal((2, 2, 5, 5, 0), (result.Users, result.Stored, result.Connections, result.Delivered, result.Gone));
        Assert.Empty(result.Failed);
        foreach (var connectionId in new[] { "alice-1=", "alice-2=", "alice-3=", "bob-1=", "bob-2=" })
        {
            Assert.Equal(Message, OnlyEnvelopeFor(connectionId).Data);
        }

        Assert.Empty(harness.Stub.MessagesFor("carol-1="));
        Assert.Equal(5, harness.Stub.TotalAttempts);
    }

    [Fact]
    public async Task ASingleUserIdIsAccepted()
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var result = await harness.PublishAsync("""{"userId":"alice","message":"hello"}""");

        Assert.Equal(1, result.Delivered);
        Assert.Equal("\"hello\"", OnlyEnvelopeFor("alice-1=").Data);
    }

    /// <summary>The probe's messages: Unicode and HTML characters, and 100 KB of the character escaping inflated most.</summary>
    public static TheoryData<string> MessagesPostedAsWritten => new()
    {
        """{"t":"€ 日本 <b> it's"}""",
        $"\"{new string('<', 100 * 1024)}\"",
    };

    [Theory]
    [MemberData(nameof(MessagesPostedAsWritten))]
    public async Task AMessageIsPostedAsTheCallersUtf8BytesInItsEnvelope(string message)
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var result = await harness.PublishAsync($$"""{"userId":"alice","message":{{message}}}""");

        Assert.Equal(1, result.Delivered);
        var posted = Assert.Single(harness.Stub.MessagesFor("alice-1="));
        var epoch = ClientFrame.Read(posted).Epoch;
        Assert.Equal(Encoding.UTF8.GetBytes($$"""{"type":"message","seq":1,"epoch":"{{epoch}}","data":{{message}}}"""), posted);
    }

    [Fact]
    public async Task EachUsersConnectionsGetThatUsersNextNumberInItsStream()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        await harness.ConnectAsync("bob", "bob-1=");
        await harness.PublishAsync("""{"userId":"alice","message":"first"}""");

        await harness.PublishAsync("""{"userIds":["alice","bob"],"message":"second"}""");

        var alice = harness.Stub.MessagesFor("alice-1=").Select(ClientFrame.Read).Select(frame => (frame.Epoch, frame.Seq, frame.Data)).ToList();
        var bob = OnlyEnvelopeFor("bob-1=");
        var epoch = alice[0].Epoch;
        Assert.Equal([(epoch, 1L, "\"first\""), (epoch, 2L, "\"second\"")], alice);
        Assert.Equal(harness.Stub.MessagesFor("alice-1="), harness.Stub.MessagesFor("alice-2="));
        Assert.Equal((1L, "\"second\""), (bob.Seq, bob.Data));
        Assert.NotEqual(epoch, bob.Epoch);
        var head = await harness.History!.GetHeadAsync("alice");
        Assert.Equal((epoch, 2L), (head?.Epoch, head?.LatestSeq));
    }

    [Fact]
    public async Task EveryNamedUserIsStoredWhetherOrNotItHasConnections()
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var result = await harness.PublishAsync("""{"userIds":["alice","away"],"message":{"n":1}}""");

        Assert.Equal((2, 2, 1, 1), (result.Users, result.Stored, result.Connections, result.Delivered));
        var stored = await harness.History!.ReadRangeAsync("away", new HistoryRange(0, 1, 10, 1024));
        Assert.Equal("""{"n":1}""", Encoding.UTF8.GetString(Assert.Single(stored).Data));
    }

    // The order the issue asks for: store, then query, then post. A client that connects while the message is being
    // stored is then listed and gets it live (its resume, having read the stream before, does not have it).
    [Fact]
    public async Task AConnectionAddedAfterTheMessageIsStoredReceivesItLive()
    {
        await harness.ConnectAsync("alice", "alice-1=");
        harness.History = new AfterAppend(harness.History!, userId => harness.ConnectAsync(userId, $"{userId}-late="));

        var result = await harness.PublishAsync("""{"userId":"alice","message":"while connecting"}""");

        Assert.Equal((2, 2), (result.Connections, result.Delivered));
        Assert.Equal("\"while connecting\"", OnlyEnvelopeFor("alice-late=").Data);
        Assert.Equal(harness.Stub.MessagesFor("alice-1="), harness.Stub.MessagesFor("alice-late="));
    }

    [Fact]
    public async Task AStoreFailureFailsTheInvocationAndPostsNothing()
    {
        await harness.ConnectAsync("alice", "alice-1=");
        await harness.ConnectAsync("bob", "bob-1=");
        harness.History = new AfterAppend(harness.History!, userId =>
            userId == "bob" ? throw new InvalidOperationException("the table is throttled") : Task.CompletedTask);

        var error = await Assert.ThrowsAsync<InvocationException>(() =>
            harness.PublishAsync("""{"userIds":["alice","bob"],"message":"never posted"}"""));

        Assert.Equal(PublisherHandler.HistoryStoreFailed, error.ErrorType);
        Assert.Contains("the table is throttled", error.Message);
        Assert.Contains("nothing was posted", error.Message);
        Assert.Equal(0, harness.Stub.TotalAttempts);
        using var line = JsonDocument.Parse(Assert.Single(harness.LogLines));
        Assert.Equal("HistoryStoreFailed", line.RootElement.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task AUserWithoutConnectionsIsNotAnError()
    {
        var result = await harness.PublishAsync("""{"userId":"nobody","message":{}}""");

        Assert.Equal((1, 0, 0, 0), (result.Users, result.Connections, result.Delivered, result.Gone));
        Assert.Empty(result.Failed);
    }

    [Fact]
    public async Task RepeatedUserIdsAreDeliveredToOnce()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");

        var result = await harness.PublishAsync("""{"userIds":["alice","alice","alice"],"message":1}""");

        Assert.Equal((1, 2, 2), (result.Users, result.Connections, result.Delivered));
        Assert.Single(harness.Stub.MessagesFor("alice-1="));
        Assert.Single(harness.Stub.MessagesFor("alice-2="));
    }

    [Fact]
    public async Task GoneConnectionsAreCountedAndOnlyTheirRowsDeleted()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=", "alice-3=");
        await harness.ConnectAsync("bob", "bob-1=");
        harness.Stub.Script("alice-2=", StubReply.Gone);
        harness.Stub.Script("alice-3=", StubReply.Gone);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal((1, 3, 1, 2), (result.Users, result.Connections, result.Delivered, result.Gone));
        Assert.Empty(result.Failed);
        Assert.Equal(["alice-1="], await harness.Store.ListConnectionIdsAsync("alice"));
        Assert.Equal(["bob-1="], await harness.Store.ListConnectionIdsAsync("bob"));
        Assert.Equal(["alice-1="], await harness.Store.ListConnectionIdsAsync("alice"));
        Assert.Equal(1, harness.Stub.AttemptsFor("alice-2="));
    }

    [Fact]
    public async Task APublishRacingAHandshakeDeliversOnceItCompletesAndKeepsTheRow()
    {
        await harness.ConnectAsync("alice", "alice-old=");
        await OpeningConnectionAsync("alice-new=");

        var publish = harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");
        // More refusals than the attempts a 429 gets: a young 410 is retried until the handshake, not counted out.
        await harness.Stub.RefusedAsync("alice-new=", harness.Options.MaxAttempts + 1);
        harness.Stub.CompleteHandshake("alice-new=");
        var result = await publish;

        Assert.Equal((2, 2, 0), (result.Connections, result.Delivered, result.Gone));
        Assert.Empty(result.Failed);
        Assert.Equal("{\"n\":1}", OnlyEnvelopeFor("alice-new=").Data);
        Assert.Equal(["alice-new=", "alice-old="], (await harness.Store.ListConnectionIdsAsync("alice")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task AConnectionStillOpeningAtTheDeadlineIsReportedFailedNotGoneAndKeepsItsRow()
    {
        await OpeningConnectionAsync("alice-new=");

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""", timeLeft: TimeSpan.FromSeconds(1));

        Assert.Equal((1, 0, 0), (result.Connections, result.Delivered, result.Gone));
        var failed = Assert.Single(result.Failed);
        // The last answer was a 410; the deadline ended the retries either between posts or during one.
        Assert.Equal(("alice-new=", 410), (failed.ConnectionId, failed.Status));
        Assert.Contains(failed.Error, new[] { "GoneException", "DeadlineExceeded" });
        Assert.Equal(["alice-new="], await harness.Store.ListConnectionIdsAsync("alice"));
        // The message is in alice's stream, so the resume the client sends once open replays it.
        Assert.Equal(1L, (await harness.History!.GetHeadAsync("alice"))?.LatestSeq);
        Assert.True(harness.Stub.AttemptsFor("alice-new=") > harness.Options.MaxAttempts);
    }

    [Fact]
    public async Task A410ForARowOlderThanTheOpeningWindowMeansGoneAtOnce()
    {
        await harness.ConnectAsync("alice", GoneConnections.OpeningWindow + TimeSpan.FromSeconds(1), "alice-1=");
        harness.Stub.BeginHandshake("alice-1=");

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal((1, 0, 1), (result.Connections, result.Delivered, result.Gone));
        Assert.Empty(await harness.Store.ListConnectionIdsAsync("alice"));
        Assert.Equal(1, harness.Stub.AttemptsFor("alice-1="));
    }

    [Fact]
    public async Task AYoungConnectionWhoseRowIsRemovedMeanwhileIsGone()
    {
        // A client that closes before its handshake completes: $disconnect removes the row while the publisher retries.
        await OpeningConnectionAsync("alice-new=");

        var publish = harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");
        await harness.Stub.RefusedAsync("alice-new=", 2);
        await harness.Store.RemoveAsync("alice-new=");
        var result = await publish;

        Assert.Equal((1, 0, 1), (result.Connections, result.Delivered, result.Gone));
        Assert.Empty(result.Failed);
    }

    [Fact]
    public async Task TransientThrottlingAndServerErrorsAreRetriedUntilDelivered()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=", "alice-3=");
        harness.Stub.Script("alice-1=", StubReply.Throttled, StubReply.Throttled);
        harness.Stub.Script("alice-2=", StubReply.ServerError, StubReply.Unavailable);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal((3, 3), (result.Connections, result.Delivered));
        Assert.Empty(result.Failed);
        Assert.Equal((3, 3, 1), (harness.Stub.AttemptsFor("alice-1="), harness.Stub.AttemptsFor("alice-2="), harness.Stub.AttemptsFor("alice-3=")));
        Assert.Single(harness.Stub.MessagesFor("alice-1="));
        Assert.Single(harness.Stub.MessagesFor("alice-2="));
    }

    [Fact]
    public async Task ATimedOutPostIsRetried()
    {
        harness.RequestTimeout = TimeSpan.FromMilliseconds(300);
        await harness.ConnectAsync("alice", "alice-1=");
        harness.Stub.Script("alice-1=", StubReply.NoAnswer);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal(1, result.Delivered);
        Assert.Equal(2, harness.Stub.AttemptsFor("alice-1="));
    }

    [Fact]
    public async Task PersistentThrottlingFailsAfterTheBoundedNumberOfAttempts()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        harness.Stub.Script("alice-1=", Enumerable.Repeat(StubReply.Throttled, 10).ToArray());

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal(new FailedDelivery("alice-1=", "alice", 429, "LimitExceededException"), Assert.Single(result.Failed));
        Assert.Equal(1, result.Delivered);
        Assert.Equal(harness.Options.MaxAttempts, harness.Stub.AttemptsFor("alice-1="));
        Assert.Contains("alice-1=", await harness.Store.ListConnectionIdsAsync("alice"));
    }

    [Fact]
    public async Task ForbiddenAndTooLargeAreReportedWithoutRetry()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=", "alice-3=");
        harness.Stub.Script("alice-1=", StubReply.Forbidden);
        harness.Stub.Script("alice-2=", StubReply.TooLarge);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal(
            [new FailedDelivery("alice-1=", "alice", 403, "ForbiddenException"), new FailedDelivery("alice-2=", "alice", 413, "PayloadTooLargeException")],
            result.Failed);
        Assert.Equal((1, 1), (harness.Stub.AttemptsFor("alice-1="), harness.Stub.AttemptsFor("alice-2=")));
        Assert.Equal(1, result.Delivered);
    }

    [Fact]
    public async Task PostsInFlightNeverExceedTheConcurrencyBound()
    {
        harness.Options = harness.Options with { Concurrency = 4 };
        harness.Stub.Latency = TimeSpan.FromMilliseconds(20);
        var connectionIds = Enumerable.Range(1, 40).Select(index => $"alice-{index}=").ToArray();
        await harness.ConnectAsync("alice", connectionIds);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""");

        Assert.Equal(40, result.Delivered);
        Assert.InRange(harness.Stub.MaxInFlight, 2, 4);
        Assert.All(connectionIds, connectionId => Assert.Single(harness.Stub.MessagesFor(connectionId)));
    }

    [Fact]
    public async Task TheDeadlineStopsPostsThatNeverAnswerAndTheRestStillCount()
    {
        // Real time (the posts go over loopback HTTP): the reserve leaves a loaded machine ample time to return
        // between stopping the posts and the deadline, so only a publisher that waits for the silent post fails.
        harness.Options = harness.Options with { DeadlineReserve = TimeSpan.FromMilliseconds(1500) };
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        harness.Stub.Script("alice-1=", StubReply.NoAnswer);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(4);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""", deadline - DateTimeOffset.UtcNow);

        Assert.True(DateTimeOffset.UtcNow < deadline, "the publisher returned after the invocation deadline");
        Assert.Equal(new FailedDelivery("alice-1=", "alice", null, "DeadlineExceeded"), Assert.Single(result.Failed));
        Assert.Equal(1, result.Delivered);
        Assert.Equal(1, harness.Stub.AttemptsFor("alice-1="));
    }

    [Fact]
    public async Task NoRetryIsScheduledWhenItsBackoffWouldEndPastTheDeadline()
    {
        harness.Jitter = new FixedRandom(1.0 - 1e-9);
        harness.Options = harness.Options with { FirstRetryDelay = TimeSpan.FromMinutes(10), RetryDelayCap = TimeSpan.FromMinutes(10) };
        await harness.ConnectAsync("alice", "alice-1=");
        harness.Stub.Script("alice-1=", StubReply.Throttled);

        var result = await harness.PublishAsync("""{"userId":"alice","message":{"n":1}}""", TimeSpan.FromSeconds(30));

        Assert.Equal(new FailedDelivery("alice-1=", "alice", 429, "LimitExceededException"), Assert.Single(result.Failed));
        Assert.Equal(1, harness.Stub.AttemptsFor("alice-1="));
    }

    [Fact]
    public async Task EventBridgeDetailIsDeliveredWithoutTheUserId()
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var result = await harness.PublishAsync("""
            {"version":"0","id":"e-1","source":"orders","detail-type":"OrderShipped","time":"2026-11-28T12:00:00Z",
             "detail":{"user_id":"alice","orderId":"o-1","status":"shipped"}}
            """);

        Assert.Equal(1, result.Delivered);
        Assert.Equal("""{"orderId":"o-1","status":"shipped"}""", OnlyEnvelopeFor("alice-1=").Data);
    }

    [Fact]
    public async Task EventBridgeUserIdsReachEveryUserWithoutTheList()
    {
        await harness.ConnectAsync("alice", "alice-1=");
        await harness.ConnectAsync("bob", "bob-1=");

        var result = await harness.PublishAsync("""
            {"source":"scheduler","detail-type":"Reminder","detail":{"user_ids":["alice","bob"],"text":"stand-up"}}
            """);

        Assert.Equal((2, 2), (result.Users, result.Delivered));
        Assert.Equal("""{"text":"stand-up"}""", OnlyEnvelopeFor("bob-1=").Data);
    }

    [Theory]
    [MemberData(nameof(PublishRequestParserTests.InvalidEvents), MemberType = typeof(PublishRequestParserTests))]
    public async Task InvalidRequestsFailWithInvalidPublishRequestAndPostNothing(string eventJson)
    {
        await harness.ConnectAsync("alice", "alice-1=");

        var error = await Assert.ThrowsAsync<InvocationException>(() => harness.PublishAsync(eventJson));

        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        Assert.Equal(0, harness.Stub.TotalAttempts);
    }

    [Fact]
    public async Task ResultJsonUsesTheDocumentedNames()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        harness.Stub.Script("alice-2=", StubReply.Forbidden);

        using var result = JsonDocument.Parse(await harness.PublishRawAsync("""{"userId":"alice","message":{}}"""));

        Assert.Equal(["users", "stored", "connections", "delivered", "gone", "failed"], result.RootElement.EnumerateObject().Select(property => property.Name));
        var failure = Assert.Single(result.RootElement.GetProperty("failed").EnumerateArray());
        Assert.Equal(["connectionId", "userId", "status", "error"], failure.EnumerateObject().Select(property => property.Name));
    }

    [Fact]
    public async Task OneLogLineCarriesTheCountsAndNoMessageBody()
    {
        await harness.ConnectAsync("alice", "alice-1=", "alice-2=");
        harness.Stub.Script("alice-2=", StubReply.Gone);

        await harness.PublishAsync("""{"userId":"alice","message":{"secret":"do-not-log"}}""");

        var line = Assert.Single(harness.LogLines);
        Assert.DoesNotContain("do-not-log", line);
        using var json = JsonDocument.Parse(line);
        var fields = json.RootElement;
        Assert.Equal((1, 1, 2, 1, 1, 0), (fields.GetProperty("users").GetInt32(), fields.GetProperty("stored").GetInt32(),
            fields.GetProperty("connections").GetInt32(), fields.GetProperty("delivered").GetInt32(), fields.GetProperty("gone").GetInt32(),
            fields.GetProperty("failed").GetInt32()));
        Assert.True(fields.GetProperty("durationMs").GetDouble() >= 0);
    }

    /// <summary>A history store that runs <paramref name="after"/> with the user once each append has completed.</summary>
    private sealed class AfterAppend(IHistoryStore store, Func<string, Task> after) : IHistoryStore
    {
        public async Task<HistoryPosition> AppendAsync(string userId, ReadOnlyMemory<byte> message, DateTimeOffset publishedAt, CancellationToken cancellationToken = default)
        {
            var position = await store.AppendAsync(userId, message, publishedAt, cancellationToken);
            await after(userId);
            return position;
        }

        public Task<HistoryHead?> GetHeadAsync(string userId, CancellationToken cancellationToken = default) => store.GetHeadAsync(userId, cancellationToken);

        public Task<IReadOnlyList<StoredMessage>> ReadRangeAsync(string userId, HistoryRange range, CancellationToken cancellationToken = default) =>
            store.ReadRangeAsync(userId, range, cancellationToken);
    }
}
