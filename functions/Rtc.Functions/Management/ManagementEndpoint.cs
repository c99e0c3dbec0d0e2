using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Management;

/// <summary>Where the management API of one stage lives and which region signs for it.</summary>
/// <param name="BaseUri">The stage's base URL, e.g. <c>https://abc123.execute-api.eu-west-1.amazonaws.com/prod</c>.</param>
/// <param name="Region">The region in the SigV4 credential scope.</param>
public sealed record ManagementEndpoint(Uri BaseUri, string Region)
{
    /// <summary>The region used for a local endpoint when <c>AWS_REGION</c> is unset.</summary>
    public const string LocalDefaultRegion = "us-east-1";

    /// <summary>
    /// Reads <c>RTC_MANAGEMENT_ENDPOINT</c> (a full base URL, for local use) or else
    /// <c>WEBSOCKET_DOMAIN</c> and <c>WEBSOCKET_STAGE</c>, and <c>AWS_REGION</c>.
    /// Missing or malformed settings throw an error that names the variables.
    /// </summary>
    public static ManagementEndpoint FromEnvironment(IFunctionEnvironment environment)
    {
        var region = environment.Get(EnvironmentVariables.Region);
        if (environment.Get(EnvironmentVariables.ManagementEndpoint) is { } endpoint)
        {
            if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                throw new InvalidOperationException(
                    $"{EnvironmentVariables.ManagementEndpoint} must be an absolute http(s) URL such as http://127.0.0.1:8080/local; got '{endpoint}'.");
            }

            return new ManagementEndpoint(uri, region ?? LocalDefaultRegion);
        }

        var domain = environment.Get(EnvironmentVariables.WebSocketDomain);
        var stage = environment.Get(EnvironmentVariables.WebSocketStage);
        if (domain is null || stage is null)
        {
            throw new InvalidOperationException(
                $"The management API endpoint is not configured: set {EnvironmentVariables.WebSocketDomain} and " +
                $"{EnvironmentVariables.WebSocketStage} (or {EnvironmentVariables.ManagementEndpoint} for a local gateway).");
        }

        if (region is null)
        {
            throw new InvalidOperationException($"{EnvironmentVariables.Region} is not set; it names the region the management API is signed for.");
        }

        return new ManagementEndpoint(new Uri($"https://{domain.Trim('/')}/{stage.Trim('/')}"), region);
    }
}
