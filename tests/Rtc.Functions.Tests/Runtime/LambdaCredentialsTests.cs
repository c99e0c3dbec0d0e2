using Amazon.Runtime;
using Rtc.Functions.Tests.Support;

namespace Rtc.Functions.Tests.Runtime;

/// <summary>
/// The credentials the functions sign with: the execution role's session credentials Lambda puts in the
/// environment, or, when they are not there, none, so the SDK's default chain finds them (a profile, SnapStart's
/// container credentials). These tests set this process's environment, hence their collection.
/// </summary>
[Collection(ProcessEnvironmentCollection.Name)]
public sealed class LambdaCredentialsTests : IDisposable
{
    private const string AccessKey = "ASIAEXAMPLEACCESSKEY";
    private const string SecretKey = "example/secret/key/0123456789abcdefghij";
    private const string SessionToken = "IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN";

    private static readonly string[] Variables =
    [
        EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_ACCESSKEY,
        EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SECRETKEY,
        EnvironmentVariablesAWSCredentials.LEGACY_ENVIRONMENT_VARIABLE_SECRETKEY,
        EnvironmentVariablesAWSCredentials.ENVIRONMENT_VARIABLE_SESSION_TOKEN,
    ];

    private readonly Dictionary<string, string?> saved = Variables.ToDictionary(name => name, Environment.GetEnvironmentVariable);

    public LambdaCredentialsTests()
    {
        foreach (var name in Variables)
        {
            Environment.SetEnvironmentVariable(name, null);
        }
    }

    [Fact]
    public void LambdasSessionCredentialsAreTakenFromTheEnvironment()
    {
        Set(("AWS_ACCESS_KEY_ID", AccessKey), ("AWS_SECRET_ACCESS_KEY", SecretKey), ("AWS_SESSION_TOKEN", SessionToken));

        var credentials = LambdaCredentials.FromEnvironment()?.GetCredentials();

        Assert.NotNull(credentials);
        Assert.Equal(AccessKey, credentials.AccessKey);
        Assert.Equal(SecretKey, credentials.SecretKey);
        Assert.Equal(SessionToken, credentials.Token);
    }

    [Fact]
    public void KeysWithoutASessionTokenAreTakenToo()
    {
        Set(("AWS_ACCESS_KEY_ID", AccessKey), ("AWS_SECRET_ACCESS_KEY", SecretKey));

        var credentials = LambdaCredentials.FromEnvironment()?.GetCredentials();

        Assert.NotNull(credentials);
        Assert.Equal(AccessKey, credentials.AccessKey);
        Assert.Equal(SecretKey, credentials.SecretKey);
        Assert.False(credentials.UseToken);
    }

    [Fact]
    public void TheLegacySecretKeyVariableCountsAsTheDefaultChainCountsIt()
    {
        Set(("AWS_ACCESS_KEY_ID", AccessKey), ("AWS_SECRET_KEY", SecretKey));

        var credentials = LambdaCredentials.FromEnvironment()?.GetCredentials();

        Assert.NotNull(credentials);
        Assert.Equal(SecretKey, credentials.SecretKey);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData(AccessKey, null)]
    [InlineData(null, SecretKey)]
    [InlineData("", SecretKey)]
    [InlineData(AccessKey, "")]
    public void WithoutBothKeysThereAreNoneAndTheDefaultChainIsLeftToFindThem(string? accessKey, string? secretKey)
    {
        Set(("AWS_ACCESS_KEY_ID", accessKey), ("AWS_SECRET_ACCESS_KEY", secretKey), ("AWS_SESSION_TOKEN", SessionToken));

        Assert.Null(LambdaCredentials.FromEnvironment());
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }

    private static void Set(params (string Name, string? Value)[] variables)
    {
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }
    }
}
