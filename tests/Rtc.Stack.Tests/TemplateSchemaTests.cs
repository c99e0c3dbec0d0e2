namespace Rtc.Stack.Tests;

/// <summary>The printed templates hold to the pinned provider's schema.</summary>
public sealed class TemplateSchemaTests
{
    private static TemplateValidator Validator() => new(ProviderSchema.Pinned, ProjectFile.DeclaredConfigKeys());

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    [InlineData("none")]
    public void TemplateIsValidAgainstThePinnedProviderSchema(string stack)
    {
        var problems = Validator().Validate(Templates.Named(stack));

        Assert.Empty(problems);
    }

    [Fact]
    public void SchemaDataIsOfThePinnedProviderVersion()
    {
        Assert.Equal(Rtc.Stack.Template.StackTemplate.AwsProviderVersion, ProviderSchema.Pinned.Version);
    }

    [Fact]
    public void JwtStackWithSubprotocolTokensAndHs256SecretIsValid()
    {
        var template = StackRun.ForStack("dev", new Dictionary<string, string>
        {
            ["auth"] = "jwt", ["authIssuer"] = "https://issuer.example", ["authAudience"] = "rtc",
            ["authHs256Secret"] = new string('k', 40), ["authTokenSource"] = "protocol",
        }).Template();

        Assert.Empty(Validator().Validate(template));
    }

    [Fact]
    public void ValidatorRejectsEachKindOfMistake()
    {
        var template = Templates.Dev();
        var resources = template.Resources();
        resources["connections-table"]!["properties"]!["streamz"] = true;
        resources["connections-table"]!["bogus"] = 1;
        resources["connections-table"]!["options"]!["protekt"] = true;
        resources["websocket-api"]!["properties"]!.AsObject().Remove("protocolType");
        resources["connections-table"]!["properties"]!["globalSecondaryIndexes"]![0]!["hashKey"] = "user_id";
        resources["connections-function"]!["properties"]!["memorySize"] = "big";
        resources["connections-function"]!["properties"]!["description"] = "${websocket-api.nope}";
        resources["publisher-function"]!["properties"]!["description"] = "${undeclared}";
        resources["publisher-logs"]!["options"]!.AsObject().Remove("version");
        resources["extra"] = new JsonObject { ["type"] = "aws:nothing/none:None", ["options"] = new JsonObject { ["version"] = "7.48.0" } };
        template["extras"] = 1;

        var problems = string.Join("\n", Validator().Validate(template));

        Assert.Contains("unknown property 'streamz'", problems);
        Assert.Contains("unknown resource key 'bogus'", problems);
        Assert.Contains("unknown option 'protekt'", problems);
        Assert.Contains("required property 'protocolType' missing", problems);
        Assert.Contains("hashKey: deprecated property", problems);
        Assert.Contains("memorySize: expected number", problems);
        Assert.Contains("has no output 'nope'", problems);
        Assert.Contains("'${undeclared}' names no declared resource", problems);
        Assert.Contains("publisher-logs: provider version not pinned", problems);
        Assert.Contains("'aws:nothing/none:None' does not exist", problems);
        Assert.Contains("unknown key 'extras'", problems);
    }
}
