using System.Text;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Tests.Publishing;

public sealed class PublishRequestParserTests
{
    /// <summary>One event of every invalid kind.</summary>
    public static TheoryData<string> InvalidEvents => new()
    {
        "not json",
        "",
        "[\"alice\"]",
        "\"alice\"",
        "{}",
        """{"message":{"n":1}}""",
        """{"userId":"alice"}""",
        """{"userId":"alice","message":null}""",
        """{"userId":"","message":1}""",
        """{"userId":42,"message":1}""",
        """{"userId":"alice","userIds":["bob"],"message":1}""",
        """{"userIds":[],"message":1}""",
        """{"userIds":"alice","message":1}""",
        """{"userIds":["alice",7],"message":1}""",
        """{"userIds":["alice",null],"message":1}""",
        $$"""{"userId":"{{new string('u', 257)}}","message":1}""",
        $$"""{"userIds":[{{string.Join(',', Enumerable.Range(0, 1001).Select(index => $"\"user-{index}\""))}}],"message":1}""",
        $$"""{"userId":"alice","message":"{{new string('x', 131_071)}}"}""",
        """{"source":"orders","detail-type":"OrderShipped","detail":{"orderId":"o-1"}}""",
        """{"source":"orders","detail-type":"OrderShipped","detail":"alice"}""",
        """{"detail":{"user_id":"alice"}}""",
        """{"source":"orders","detail-type":"OrderShipped","detail":{"user_id":"alice","user_ids":["bob"]}}""",
        """{"source":"orders","detail-type":"OrderShipped","detail":{"user_ids":[]}}""",
    };

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public void InvalidEventsNameTheAcceptedShapes(string eventJson)
    {
        var error = Assert.Throws<InvocationException>(() => PublishRequestParser.Parse(eventJson));

        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        Assert.Contains("\"userId\"", error.Message);
        Assert.Contains("\"userIds\"", error.Message);
        Assert.Contains("detail-type", error.Message);
    }

    [Fact]
    public void AThousandDistinctUsersAreAcceptedAndDuplicatesDoNotCount()
    {
        var users = Enumerable.Range(0, 1000).Select(index => $"\"user-{index}\"").ToList();
        users.Add("\"user-0\"");

        var request = PublishRequestParser.Parse($$"""{"userIds":[{{string.Join(',', users)}}],"message":1}""");

        Assert.Equal(1000, request.UserIds.Count);
        Assert.Equal("user-0", request.UserIds[0]);
    }

    [Fact]
    public void AMessageOfExactlyTheLimitIsAccepted()
    {
        // A JSON string of n characters serialises to n + 2 bytes.
        var request = PublishRequestParser.Parse($$"""{"userId":"alice","message":"{{new string('x', 131_070)}}"}""");

        Assert.Equal(PublishRequestLimits.MaxMessageBytes, request.Message.Length);
    }

    [Fact]
    public void TooLargeMessageSaysHowLargeAndTheLimit()
    {
        var error = Assert.Throws<InvocationException>(() =>
            PublishRequestParser.Parse($$"""{"userId":"alice","message":"{{new string('x', 131_071)}}"}"""));

        Assert.Contains("131073 bytes", error.Message);
        Assert.Contains("131072", error.Message);
    }

    [Fact]
    public void TheMessageIsAnyJsonValueSerialisedCompactly()
    {
        var request = PublishRequestParser.Parse("""{"userId":"alice","message": [ 1, {"a" : true} ], "extra": "ignored"}""");

        Assert.Equal("""[1,{"a":true}]""", Encoding.UTF8.GetString(request.Message));
    }

    [Fact]
    public void EventBridgeDetailLosesOnlyItsAddressing()
    {
        var request = PublishRequestParser.Parse("""
            {"source":"s","detail-type":"t","detail":{"kind":"k","user_ids":["a","b","a"],"nested":{"user_id":"kept"}}}
            """);

        Assert.Equal(["a", "b"], request.UserIds);
        Assert.Equal("""{"kind":"k","nested":{"user_id":"kept"}}""", Encoding.UTF8.GetString(request.Message));
    }
}
