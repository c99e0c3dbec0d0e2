using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using System.Text;
using Rtc.Contracts;
using Rtc.Functions.Authorization;
using Rtc.Functions.Storage;
using Rtc.Local.Authorization;
using Rtc.Stack.Packaging;
using Rtc.Stack.Tests.Support;
using Rtc.Testing.Events;
using Rtc.Testing.Management;
using Rtc.Testing.Runtime;
using Rtc.Testing;

namespace Rtc.Stack.Tests;

/// <summary>
/// The <c>bootstrap</c> out of the deployment zip, run as <c>provided.al2023</c> runs it: an executable process that
/// speaks HTTP to the Runtime API (a loopback fake here) and reaches DynamoDB (Local) and the management API (a stub).
/// </summary>
[Collection(PackagingCollection.Name)]
[SupportedOSPlatform("linux")]
public sealed class BootstrapProcessTests(PackagedFunctions packaged, DynamoDbLocal dynamo) : IDisposable
{
    private const string ConnectionId = "Pq3XneYuoAMCJ5w=";
    private const string Secret = "bootstrap-test-secret-0123456789abcdef";

    private static readonly AuthorizerSettings Authorizer = new() { Issuer = "https://issuer.example.test/", Audience = "rtc", Hs256Secret = Secret };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "rtc-bootstrap-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task X86_64BootstrapConnectsAUserPublishesToItResumesAndAuthorizesAToken()
    {
        var bootstrap = Extract(packaged.AotX86_64);
        var table = await dynamo.CreateConnectionTableAsync();
        await using var management = await ManagementApiStub.StartAsync();
        var environment = new Dictionary<string, string>
        {
            [EnvironmentVariables.TableName] = table,
            [EnvironmentVariables.HistoryTable] = await dynamo.CreateHistoryTableAsync(),
            [EnvironmentVariables.ManagementEndpoint] = management.StageUri.ToString(),
            // The SDK's own service-specific endpoint variable: no custom setting is involved.
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamo.Endpoint,
        };

        var connected = await InvokeAsync(bootstrap, [], "connections", environment, EventFiles.Read("connect-with-query.json"));
        var published = await InvokeAsync(bootstrap, [], "publisher", environment, """{"userId":"alice","message":{"text":"hello"}}""");
        var live = JsonDocument.Parse(Assert.Single(management.MessagesFor(ConnectionId))).RootElement;
        var epoch = live.GetProperty("epoch").GetString();
        var resumed = await InvokeAsync(bootstrap, [], "connections", environment,
            EventFiles.ReadWith("resume.json", json => json["body"] = $$"""{"action":"resume","epoch":"{{epoch}}","after":0}"""));
        var decision = await InvokeAsync(bootstrap, [], "authorizer", AuthorizerEnvironment(), AuthorizerEvents.Connect(
            queryToken: LocalDevelopmentTokens.Mint(Authorizer, "alice", TimeSpan.FromMinutes(5))));

        Assert.Equal(200, JsonDocument.Parse(connected.Body).RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal([ConnectionId], await new DynamoDbConnectionStore(dynamo.Client, table).ListConnectionIdsAsync("alice"));
        Assert.Equal(1, JsonDocument.Parse(published.Body).RootElement.GetProperty("delivered").GetInt32());
        Assert.Equal($$$"""{"type":"message","seq":1,"epoch":"{{{epoch}}}","data":{"text":"hello"}}""", live.GetRawText());
        Assert.Equal(200, JsonDocument.Parse(resumed.Body).RootElement.GetProperty("statusCode").GetInt32());
        Assert.Equal($$$"""{"type":"replay","epoch":"{{{epoch}}}","messages":[{"seq":1,"data":{"text":"hello"}}],"more":false}""",
            Encoding.UTF8.GetString(management.MessagesFor(ConnectionId)[1]));
        AssertAllowed(decision, "alice");
    }

    [Fact]
    public async Task Arm64BootstrapAnswersUnderQemu()
    {
        var bootstrap = Extract(packaged.AotArm64);

        // qemu's -L makes the program's absolute paths (its loader /lib/ld-linux-aarch64.so.1, glibc) resolve in
        // the arm64 C library of the cross toolchain. A refusal needs no cryptography, so no arm64 OpenSSL either.
        var refusal = await InvokeAsync("qemu-aarch64-static", ["-L", $"/usr/{LambdaArchitecture.Arm64.GnuTriple}", bootstrap],
            "authorizer", AuthorizerEnvironment(), AuthorizerEvents.Connect());

        Assert.EndsWith("/response", refusal.Path);
        Assert.Contains("\"Effect\":\"Deny\"", refusal.Body);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string> AuthorizerEnvironment() => new()
    {
        [EnvironmentVariables.AuthIssuer] = Authorizer.Issuer,
        [EnvironmentVariables.AuthAudience] = Authorizer.Audience,
        [EnvironmentVariables.AuthHs256Secret] = Secret,
    };

    private static void AssertAllowed(RuntimePost decision, string userId)
    {
        var response = JsonDocument.Parse(decision.Body).RootElement;
        Assert.EndsWith("/response", decision.Path);
        Assert.Equal(userId, response.GetProperty("principalId").GetString());
        Assert.Equal("Allow", response.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString());
    }

    /// <summary>Starts the function with its own Runtime API, hands it one event and returns what it posted back.</summary>
    private static async Task<RuntimePost> InvokeAsync(string fileName, IEnumerable<string> arguments, string handler,
        Dictionary<string, string> environment, string eventJson)
    {
        await using var runtimeApi = await FakeRuntimeApi.StartAsync();
        using var function = FunctionProcess.StartExecutable(fileName, arguments, new Dictionary<string, string>(environment)
        {
            [EnvironmentVariables.RuntimeApi] = runtimeApi.HostAndPort,
            [EnvironmentVariables.Handler] = handler,
            [EnvironmentVariables.Region] = DynamoDbLocal.Region,
            ["AWS_ACCESS_KEY_ID"] = "local",
            ["AWS_SECRET_ACCESS_KEY"] = "local",
        });
        runtimeApi.Enqueue("req-1", eventJson);
        return await runtimeApi.NextPostAsync();
    }

    /// <summary>Extracts the zip as Lambda does, modes included, and returns the bootstrap's path.</summary>
    private string Extract(FunctionPackage package)
    {
        var target = Path.Combine(folder, Path.GetFileName(Path.GetDirectoryName(package.ZipPath)!));
        ZipFile.ExtractToDirectory(package.ZipPath, target);
        var bootstrap = Path.Combine(target, FunctionCode.Bootstrap);
        Assert.True(File.GetUnixFileMode(bootstrap).HasFlag(UnixFileMode.UserExecute), "bootstrap is not executable after extraction");
        return bootstrap;
    }
}
