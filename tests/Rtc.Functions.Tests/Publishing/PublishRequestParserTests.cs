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

    /// <summary>Invalid disconnect requests and a part of the error each must give.</summary>
    public static TheoryData<string, string> InvalidDisconnects => new()
    {
        { """{"disconnect":{"userIds":["alice"],"reason":"x"},"message":1}""", "a publish or a disconnect, not both: 'disconnect' cannot come with 'message'" },
        { """{"disconnect":{"userIds":["alice"],"reason":"x"},"userId":"alice"}""", "not both: 'disconnect' cannot come with 'userId'" },
        { """{"source":"s","detail-type":"t","detail":{"disconnect":{"userIds":["alice"],"reason":"x"},"user_id":"alice"}}""", "not both: 'detail.disconnect' cannot come with 'detail.user_id'" },
        { """{"disconnect":["alice"]}""", "'disconnect' is a JSON array, not an object" },
        { """{"disconnect":{"reason":"x"}}""", "'disconnect.userIds' is required" },
        { """{"disconnect":{"userIds":[],"reason":"x"}}""", "'disconnect.userIds' must be a non-empty array" },
        { """{"disconnect":{"userIds":[""],"reason":"x"}}""", "an entry of 'disconnect.userIds' must be" },
        { """{"disconnect":{"userIds":[42],"reason":"x"}}""", "an entry of 'disconnect.userIds' must be" },
        { $$$"""{"disconnect":{"userIds":[{{{string.Join(",", Enumerable.Range(0, 1001).Select(i => $"\"u{i}\""))}}}],"reason":"x"}}""", "names 1001 distinct users; one request may name at most 1000" },
        { """{"disconnect":{"userIds":["alice"]}}""", "'disconnect.reason' must be a string of at most 256 characters" },
        { """{"disconnect":{"userIds":["alice"],"reason":7}}""", "'disconnect.reason' must be a string" },
        { $$$"""{"disconnect":{"userIds":["alice"],"reason":"{{{new string('r', 257)}}}"}}""", "'disconnect.reason' is 257 characters; the limit is 256" },
    };

    [Theory]
    [MemberData(nameof(InvalidDisconnects))]
    public void InvalidDisconnectsSayWhatIsWrong(string eventJson, string expected)
    {
        var error = Assert.Throws<InvocationException>(() => PublishRequestParser.ParseAny(eventJson));

        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("\"disconnect\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ADisconnectIsReadWithDistinctUsersAndItsReasonAtTheLimit()
    {
        var reason = new string('r', PublishRequestLimits.MaxDisconnectReasonChars);

        var request = Assert.IsType<DisconnectRequest>(
            PublishRequestParser.ParseAny($$$"""{"disconnect":{"userIds":["alice","bob","alice"],"reason":"{{{reason}}}"}}"""));

        Assert.Equal(["alice", "bob"], request.UserIds);
        Assert.Equal(reason, request.Reason);
    }

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

    /// <summary>Valid JSON that is no text: a lone UTF-16 surrogate escape in each place a string is read.</summary>
    public static TheoryData<string> LoneSurrogates => new()
    {
        """{"userId":"alice","message":"\ud800"}""",
        """{"userId":"alice","message":{"text":"a\udc00b"}}""",
        """{"userId":"alice","message":{"\ud800":1}}""",
        """{"userId":"\ud800","message":1}""",
        """{"userIds":["alice","bob\udfff"],"message":1}""",
        """{"source":"orders\ud800","detail-type":"OrderShipped","detail":{"user_id":"alice"}}""",
        """{"source":"orders","detail-type":"OrderShipped","detail":{"user_id":"alice","note":"\ud800"}}""",
    };

    [Theory]
    [MemberData(nameof(LoneSurrogates))]
    public void ALoneSurrogateIsAnInvalidRequestThatNamesIt(string eventJson)
    {
        var error = Assert.Throws<InvocationException>(() => PublishRequestParser.Parse(eventJson));

        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        Assert.Contains("lone UTF-16 surrogate", error.Message);
    }

    [Fact]
    public void APairedSurrogateEscapeIsTheCharacterItSpellsInUtf8()
    {
        var request = PublishRequestParser.Parse("""{"userId":"alice","message":"\ud83d\ude00"}""");

        Assert.Equal("\"😀\"", Encoding.UTF8.GetString(request.Message));
    }

    [Fact]
    public void AMessageNestedToTheLimitIsPostedAndOneLevelDeeperIsRefusedNamingTheLimit()
    {
        // The event is level 1, so its message may be 63 levels deep.
        static string Nested(int levels) => new string('[', levels) + new string(']', levels);

        var request = PublishRequestParser.Parse($$"""{"userId":"alice","message":{{Nested(63)}}}""");
        var error = Assert.Throws<InvocationException>(() => PublishRequestParser.Parse($$"""{"userId":"alice","message":{{Nested(64)}}}"""));

        Assert.Equal(Nested(63), Encoding.UTF8.GetString(request.Message));
        Assert.Equal("InvalidPublishRequest", error.ErrorType);
        Assert.Contains("nested more than 64 levels deep", error.Message);
    }

    [Fact]
    public void JsonThatIsBrokenAtAnyDepthIsNotCalledTooDeep()
    {
        var error = Assert.Throws<InvocationException>(() => PublishRequestParser.Parse($$"""{"userId":"alice","message":{{new string('[', 100)}}}"""));

        Assert.Contains("not valid JSON", error.Message);
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
