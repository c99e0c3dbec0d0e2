using Rtc.Functions.Configuration;

namespace Rtc.Functions.Management;

// PLACEHOLDER (foundation skeleton): replaced by the SigV4-signed HttpClient implementation.
public sealed class ManagementApiClient
{
    public static IManagementApi FromEnvironment(IFunctionEnvironment environment) => throw new NotImplementedException();
}
