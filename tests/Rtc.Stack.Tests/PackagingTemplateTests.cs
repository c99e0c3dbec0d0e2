namespace Rtc.Stack.Tests;

/// <summary>Each packaging deploys every function on its runtime, with its handler, for the stack's architecture.</summary>
public sealed class PackagingTemplateTests
{
    private static readonly string[] Functions = ["connections-function", "publisher-function", "authorizer-function"];

    [Theory]
    [InlineData("dev", "x86_64")]
    [InlineData("prod", "arm64")]
    public void BothStacksRunTheAotBootstrapOnProvidedAl2023(string stack, string architecture)
    {
        AssertFunctions(Templates.Named(stack), "provided.al2023", "bootstrap", architecture, $"artifacts/functions/aot-{architecture}/function.zip");
    }

    [Fact]
    public void AotIsTheDefault()
    {
        AssertFunctions(Templates.NoStack(), "provided.al2023", "bootstrap", "x86_64", "artifacts/functions/aot-x86_64/function.zip");
    }

    [Theory]
    [InlineData("dev", "x86_64")]
    [InlineData("prod", "arm64")]
    public void ManagedRunsTheExecutableAssemblyOnDotnet10(string stack, string architecture)
    {
        var template = Managed(stack);

        AssertFunctions(template, "dotnet10", "Rtc.Functions", architecture, $"artifacts/functions/managed-{architecture}/function.zip");
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("prod")]
    public void ManagedTemplateIsValidAgainstThePinnedProviderSchema(string stack)
    {
        Assert.Empty(new TemplateValidator(ProviderSchema.Pinned, ProjectFile.DeclaredConfigKeys()).Validate(Managed(stack)));
    }

    [Theory]
    [InlineData("dev", "aot", "arm64", "provided.al2023", "bootstrap")]
    [InlineData("dev", "managed", "arm64", "dotnet10", "Rtc.Functions")]
    [InlineData("prod", "aot", "x86_64", "provided.al2023", "bootstrap")]
    [InlineData("prod", "managed", "x86_64", "dotnet10", "Rtc.Functions")]
    public void TheArchitectureKeyAloneDecidesTheArchitectureAndTheZipOnEitherStage(string stack, string packaging, string architecture,
        string runtime, string handler)
    {
        var template = Run(stack, new Dictionary<string, string> { ["functionPackaging"] = packaging, ["architecture"] = architecture });

        AssertFunctions(template, runtime, handler, architecture, $"artifacts/functions/{packaging}-{architecture}/function.zip");
        Assert.Empty(new TemplateValidator(ProviderSchema.Pinned, ProjectFile.DeclaredConfigKeys()).Validate(template));
    }

    private static JsonObject Managed(string stack) => Run(stack, new Dictionary<string, string> { ["functionPackaging"] = "managed" });

    private static JsonObject Run(string stack, Dictionary<string, string> overrides) =>
        (stack == "prod" ? StackRun.ForProd(overrides) : StackRun.ForStack(stack, overrides)).Template();

    private static void AssertFunctions(JsonObject template, string runtime, string handler, string architecture, string zip)
    {
        var functions = Functions.Where(name => template.Resources().ContainsKey(name)).ToList();
        Assert.NotEmpty(functions);
        foreach (var name in functions)
        {
            var function = template.Properties(name);
            Assert.Equal(runtime, (string)function["runtime"]!);
            Assert.Equal(handler, (string)function["handler"]!);
            Assert.Equal(architecture, (string)Assert.Single(function["architectures"]!.AsArray())!);
            Assert.Equal(zip, (string)function["code"]!["fn::fileArchive"]!);
        }
    }
}
