using System.Text;
using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Functions.Tests.Contracts;

public sealed class JsonOutputTests
{
    [Theory]
    [InlineData("€ 日本 <b> it's", "€ 日本 <b> it's")]
    [InlineData("a & b + c = 'd'", "a & b + c = 'd'")]
    [InlineData("\U0001F600 \U0001F469\u200D\U0001F4BB", "\U0001F600 \U0001F469\u200D\U0001F4BB")]
    [InlineData("say \"hi\" \\ back", "say \\\"hi\\\" \\\\ back")]
    [InlineData("line\nbreak\ttab\u0001bell\u001F", "line\\nbreak\\ttab\\u0001bell\\u001F")]
    [InlineData("\u007F \u2028 \u2029", "\u007F \u2028 \u2029")]
    public void StringsKeepEveryCharacterButWhatJsonRequiresEscaped(string value, string written)
    {
        var json = Encoding.UTF8.GetString(JsonOutput.Write(writer => writer.WriteStringValue(value)));

        Assert.Equal($"\"{written}\"", json);
        Assert.Equal(value, JsonDocument.Parse(json).RootElement.GetString());
    }

    [Fact]
    public void PropertyNamesAreEncodedTheSameWay()
    {
        var json = Encoding.UTF8.GetString(JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("<clé>", "€");
            writer.WriteEndObject();
        }));

        Assert.Equal("""{"<clé>":"€"}""", json);
    }
}
