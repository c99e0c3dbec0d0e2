using Rtc.Functions.Configuration;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Composition;

/// <summary>
/// What handlers are built from. Store and management client are lazy, so a handler that needs neither
/// (the authorizer) starts without their settings. The local gateway and tests build their own.
/// </summary>
public sealed record FunctionServices(
    IFunctionEnvironment Environment,
    Lazy<IConnectionStore> Store,
    Lazy<IManagementApi> Management,
    TimeProvider Clock,
    FunctionLogger Logger)
{
    /// <summary>Services for a Lambda process: DynamoDB store and signed management client from the environment.</summary>
    public static FunctionServices FromEnvironment(IFunctionEnvironment environment) => new(
        environment,
        new Lazy<IConnectionStore>(() => DynamoDbConnectionStore.FromEnvironment(environment)),
        new Lazy<IManagementApi>(() => ManagementApiClient.FromEnvironment(environment)),
        TimeProvider.System,
        FunctionLogger.Console);
}
