using Rtc.Local.Configuration;
using Rtc.Local.Hosting;

namespace Rtc.Testing.Clients;

/// <summary><c>aws lambda invoke</c> against the gateway, returning what the CLI printed and the response it saved.</summary>
public static class LambdaCli
{
    public static async Task<(ChildProcess.Result Result, string Response)> InvokeAsync(
        LocalGateway gateway, string function, string payload, string secretAccessKey = LocalCredentials.SecretAccessKey)
    {
        var outputFile = Path.Combine(Path.GetTempPath(), $"invoke-{Guid.NewGuid():N}.json");
        try
        {
            var result = await ExternalClient.RunAsync(ExternalClient.AwsCli,
                ["lambda", "invoke", "--endpoint-url", gateway.BaseUri.ToString(), "--function-name", function,
                 "--cli-binary-format", "raw-in-base64-out", "--payload", payload, outputFile],
                secretAccessKey);
            return (result, File.Exists(outputFile) ? await File.ReadAllTextAsync(outputFile) : "");
        }
        finally
        {
            File.Delete(outputFile);
        }
    }
}
