namespace Rtc.Functions.Tests.History;

public sealed class ResumeRequestTests
{
    [Theory]
    [InlineData("""{"action":"resume","epoch":"E1","after":41}""", "E1", 41)]
    [InlineData("""{"action":"resume","epoch":"E1","after":0}""", "E1", 0)]
    [InlineData("""{"action":"resume","epoch":"","after":9223372036854775807}""", "", long.MaxValue)]
    [InlineData("""{"action":"resume","epoch":null,"after":0}""", null, 0)]
    public void APositionIsReadFromEpochAndAfter(string body, string? epoch, long after)
    {
        Assert.True(ResumeRequest.TryParse(body, out var request));

        Assert.Equal(new ResumeRequest(true, epoch, after), request);
    }

    [Fact]
    public void AResumeWithoutEpochAndAfterHasNoPosition()
    {
        Assert.True(ResumeRequest.TryParse("""{"action":"resume"}""", out var request));

        Assert.Equal(ResumeRequest.WithoutPosition, request);
        Assert.False(request.HasPosition);
    }

    [Theory]
    [InlineData("""{"action":"resume","epoch":"E1"}""")] // after missing
    [InlineData("""{"action":"resume","after":41}""")] // epoch missing
    [InlineData("""{"action":"resume","epoch":"E1","after":41.5}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":41.0}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":4.1e1}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":"41"}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":null}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":true}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":-1}""")]
    [InlineData("""{"action":"resume","epoch":"E1","after":9223372036854775808}""")]
    [InlineData("""{"action":"resume","epoch":42,"after":41}""")]
    [InlineData("""{"action":"resume","epoch":{"id":"E1"},"after":41}""")]
    [InlineData("""{"action":"resume","epoch":["E1"],"after":41}""")]
    [InlineData("""{"action":"resume","epoch":false,"after":41}""")]
    [InlineData("""{"action":"resume","epoch":null,"after":41}""")] // no stream has no position past 0
    [InlineData("""{"action":"resume","epoch":"\ud800","after":41}""")] // a lone surrogate: no text, no epoch
    [InlineData("""{"action":"resume","epoch":"E1","after":41,"x":[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}""")] // 65 levels
    [InlineData("""["resume"]""")]
    [InlineData("""{"action":"resume",""")]
    [InlineData(null)]
    public void AMalformedResumeIsRefused(string? body)
    {
        Assert.False(ResumeRequest.TryParse(body, out var request));
        Assert.Null(request);
    }
}
