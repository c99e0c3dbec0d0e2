using Rtc.Functions.Tests.History;

namespace Rtc.Functions.Tests.Connections;

/// <summary>
/// The <c>resume</c> route through the connections handler: the user from the connection's row, the answer's frames
/// posted in order one after another. Every answer's content is covered at planner level (ResumePlannerTests,
/// ResumeScenarios); these test the route around it.
/// </summary>
public sealed class ResumeRouteTests
{
    private const string ConnectionId = "Pq3XneYuoAMCJ5w=";

    private readonly InMemoryHistoryStore history = new(TimeSpan.FromHours(24));

    [Fact]
    public async Task TheUserIsTheConnectionsOwnFromItsRowWhateverTheBodySays()
    {
        var harness = await ConnectedAsAliceAsync();
        var alice = await AppendAsync("alice", "\"for alice\"");
        await AppendAsync("bob", "\"for bob\"");

        var response = await harness.InvokeAsync(Resume($$"""{"action":"resume","epoch":"{{alice.Epoch}}","after":0,"userId":"bob","user_id":"bob"}"""));

        Assert.Equal(200, response.StatusCode);
        var frame = ClientFrame.Read(Encoding.UTF8.GetBytes(Assert.Single(harness.Management.Posts).Message));
        Assert.Equal(("replay", alice.Epoch), (frame.Type, frame.Epoch));
        Assert.Equal([(1L, "\"for alice\"")], frame.Messages);
        var line = harness.LogLines[^1];
        Assert.Equal(("resume", "alice", "replayed"), (line.GetProperty("route").GetString(), line.GetProperty("userId").GetString(), line.GetProperty("outcome").GetString()));
        Assert.Equal((1, 1), (line.GetProperty("replayed").GetInt32(), line.GetProperty("frames").GetInt32()));
    }

    [Fact]
    public async Task FramesArePostedInOrderOneAfterAnotherToTheSender()
    {
        var harness = await ConnectedAsAliceAsync();
        harness.Management.Latency = TimeSpan.FromMilliseconds(5);
        HistoryPosition first = null!;
        for (var index = 1; index <= 5; index++)
        {
            // Five messages of 50 KB: two fit a 128 KB frame, so the answer is three frames.
            var position = await AppendAsync("alice", $"\"{new string((char)('a' + index), 50 * 1024)}\"");
            first ??= position;
        }

        var answer = await new ResumeResponder(history, TimeProvider.System).AnswerAsync("alice", $$"""{"epoch":"{{first.Epoch}}","after":0}""");
        await harness.InvokeAsync(Resume($$"""{"action":"resume","epoch":"{{first.Epoch}}","after":0}"""));

        Assert.Equal(3, answer.Frames.Count);
        Assert.Equal(answer.Frames.Select(Encoding.UTF8.GetString), harness.Management.Posts.Select(post => post.Message));
        Assert.All(harness.Management.Posts, post => Assert.Equal(ConnectionId, post.ConnectionId));
        Assert.Equal(1, harness.Management.MaxInFlight);
        var frames = harness.Management.Posts.Select(post => ClientFrame.Read(Encoding.UTF8.GetBytes(post.Message))).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], frames.SelectMany(frame => frame.Messages).Select(message => message.Seq));
        Assert.Equal([true, true, false], frames.Select(frame => frame.More));
    }

    [Theory]
    [InlineData("""{"action":"resume","epoch":"E1"}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":"41"}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":-1}""")]
    [InlineData("""{"action":"resume","epoch":7,"after":41}""")]
    [InlineData("""[1,2]""")]
    public async Task AMalformedResumeGetsInvalidResume(string body)
    {
        var harness = await ConnectedAsAliceAsync();

        var response = await harness.InvokeAsync(Resume(body));

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("""{"type":"error","error":"invalid_resume"}""", Assert.Single(harness.Management.Posts).Message);
        Assert.Equal("invalid_resume", harness.LogLines[^1].GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task WithHistoryOffAResumeGetsResetHistoryDisabled()
    {
        var harness = new ConnectionsHandlerHarness(history: null);
        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));

        await harness.InvokeAsync(EventFiles.Read("resume.json"));

        Assert.Equal("""{"type":"reset","epoch":null,"seq":0,"reason":"history_disabled"}""", Assert.Single(harness.Management.Posts).Message);
    }

    [Fact]
    public async Task AResumeFromAConnectionWithoutARowFailsAsUnknownConnectionAndAnswersNothing()
    {
        var harness = new ConnectionsHandlerHarness(history: history);
        await AppendAsync("alice", "\"private\"");

        var error = await Assert.ThrowsAsync<InvocationException>(() => harness.InvokeAsync(Resume("""{"action":"resume"}""")));

        Assert.Equal("UnknownConnection", error.ErrorType);
        Assert.Empty(harness.Management.Posts);
        Assert.Equal("UnknownConnection", harness.LogLines[^1].GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task AFrameThatIsNotDeliveredEndsTheAnswerAndAGoneConnectionLosesItsRow()
    {
        var harness = await ConnectedAsAliceAsync();
        var first = await AppendAsync("alice", $"\"{new string('a', 100 * 1024)}\"");
        await AppendAsync("alice", $"\"{new string('b', 100 * 1024)}\"");
        harness.Management.Scripted.Enqueue(ManagementOutcome.Gone);

        var response = await harness.InvokeAsync(Resume($$"""{"action":"resume","epoch":"{{first.Epoch}}","after":0}"""));

        Assert.Equal(200, response.StatusCode);
        Assert.Single(harness.Management.Posts);
        Assert.Null(harness.Store.Row(ConnectionId));
        var line = harness.LogLines[^1];
        Assert.Equal(("gone", 0), (line.GetProperty("reply").GetString(), line.GetProperty("frames").GetInt32()));
    }

    [Fact]
    public async Task AFrameThatMeetsThrottlingOrAServerErrorIsRetriedAndTheAnswerCompletes()
    {
        var harness = await ConnectedAsAliceAsync();
        var first = await AppendAsync("alice", $"\"{new string('a', 100 * 1024)}\"");
        await AppendAsync("alice", $"\"{new string('b', 100 * 1024)}\"");
        harness.Management.Scripted.Enqueue(ManagementOutcome.Throttled);
        harness.Management.Scripted.Enqueue(ManagementOutcome.Delivered);
        harness.Management.Scripted.Enqueue(ManagementOutcome.Failed);

        await harness.InvokeAsync(Resume($$"""{"action":"resume","epoch":"{{first.Epoch}}","after":0}"""));

        var frames = harness.Management.Posts.Select(post => ClientFrame.Read(Encoding.UTF8.GetBytes(post.Message))).ToList();
        Assert.Equal([1L, 1L, 2L, 2L], frames.Select(frame => frame.Messages.Single().Seq));
        var line = harness.LogLines[^1];
        Assert.Equal(("delivered", 2), (line.GetProperty("reply").GetString(), line.GetProperty("frames").GetInt32()));
    }

    [Fact]
    public async Task PersistentThrottlingEndsTheAnswerAfterThePublishersNumberOfAttempts()
    {
        var harness = await ConnectedAsAliceAsync();
        var first = await AppendAsync("alice", "\"one\"");
        harness.Management.Outcome = ManagementOutcome.Throttled;

        await harness.InvokeAsync(Resume($$"""{"action":"resume","epoch":"{{first.Epoch}}","after":0}"""));

        Assert.Equal(new PublisherOptions().MaxAttempts, harness.Management.Posts.Count);
        var line = harness.LogLines[^1];
        Assert.Equal(("throttled", 0), (line.GetProperty("reply").GetString(), line.GetProperty("frames").GetInt32()));
    }

    private async Task<ConnectionsHandlerHarness> ConnectedAsAliceAsync()
    {
        var harness = new ConnectionsHandlerHarness(history: history);
        await harness.InvokeAsync(EventFiles.Read("connect-with-query.json"));
        Assert.Equal("alice", harness.Store.Row(ConnectionId)?.UserId);
        return harness;
    }

    private Task<HistoryPosition> AppendAsync(string userId, string message) =>
        history.AppendAsync(userId, Encoding.UTF8.GetBytes(message), DateTimeOffset.UtcNow);

    private static string Resume(string body) => EventFiles.ReadWith("resume.json", json => json["body"] = body);
}
