using System.Text;
using Rtc.Contracts;
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
        """{"userId":"   ","message":1}""",
        """{"userId":42,"message":1}""",
        """{"userId":"alice","userIds":["bob"],"message":1}""",
        """{"userIds":[],"message":1}""",
        """{"userIds":"alice","message":1}""",
        """{"userIds":["alice",7],"message":1}""",
        """{"userIds":["alice",null],"message":1}""",
        $$"""{"userId":"{{new string('u', 257)}}","message":1}""",
        $$"""{"userIds":[{{string.Join(',', Enumerable.Range(0, 1001).Select(index => $"\"user-{index}\""))}}],"message":1}""",
        $$"""{"userId":"alice","message":"{{new string('x', 130_965)}}"}""",
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
        var request = PublishRequestParser.Parse($$"""{"userId":"alice","message":"{{new string('x', 130_964)}}"}""");

        Assert.Equal(130_966, request.Message.Length);
        Assert.Equal(ClientFrames.MaxPublishedDataBytes, request.Message.Length);
    }

    [Fact]
    public void TooLargeMessageSaysHowLargeAndTheLimit()
    {
        // 128 KB is the management API's limit on what is posted; the envelope takes its share of it.
        var error = Assert.Throws<InvocationException>(() =>
            PublishRequestParser.Parse($$"""{"userId":"alice","message":"{{new string('x', 130_965)}}"}"""));

        Assert.Contains("130967 bytes", error.Message);
        Assert.Contains("the limit is 130966 (the management API's 131072 less the message envelope)", error.Message);
    }

    [Fact]
    public void TheSizeLimitCountsTheBytesPostedNotAnEscapedForm()
    {
        // 140,000 '<' are 140,002 bytes as posted; escaped as \u003C they would count 840,002.
        var error = Assert.Throws<InvocationException>(() =>
            PublishRequestParser.Parse($$"""{"userId":"alice","message":"{{new string('<', 140_000)}}"}"""));

        Assert.Contains("the message is 140002 bytes", error.Message);
    }

    [Fact]
    public void AHundredKilobytesOfAngleBracketsAreAcceptedAsTheyAre()
    {
        var message = $"\"{new string('<', 100 * 1024)}\"";

        var request = PublishRequestParser.Parse($$"""{"userId":"alice","message":{{message}}}""");

        Assert.Equal(Encoding.UTF8.GetBytes(message), request.Message);
    }

    [Theory]
    [InlineData("""{"t":"€ 日本 <b> it's"}""")]
    [InlineData("""{"html":"<a href='x'>&amp;</a>","sum":"1+1","quote":"say \"hi\"","path":"C:\\tmp"}""")]
    [InlineData("{\"emoji\":\"\U0001F600\U0001F469\u200D\U0001F4BB\",\"separators\":\"\u2028\u2029\",\"delete\":\"\u007F\"}")]
    public void TheMessageIsTheCallersUtf8WithOnlyTheEscapingJsonRequires(string message)
    {
        var request = PublishRequestParser.Parse($$"""{"userId":"alice","message":{{message}}}""");

        Assert.Equal(Encoding.UTF8.GetBytes(message), request.Message);
    }

    [Fact]
    public void EscapesJsonDoesNotRequireAreWrittenAsTheCharactersTheyStandFor()
    {
        var request = PublishRequestParser.Parse("""{"userId":"alice","message":"caf\u00e9 \u003cb\u003e \/ \u0007"}""");

        Assert.Equal("\"café <b> / \\u0007\"", Encoding.UTF8.GetString(request.Message));
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
