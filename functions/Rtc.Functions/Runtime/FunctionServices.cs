using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Runtime;

/// <summary>
/// What handlers are built from. The stores and the management client are lazy, so a handler that needs none of
/// them (the authorizer) starts without their settings. The local gateway and tests build their own.
/// </summary>
/// <param name="Environment">The settings.</param>
/// <param name="Store">The connection store.</param>
/// <param name="History">The history store; its value is null when history is off.</param>
/// <param name="Management">The management API client.</param>
/// <param name="Clock">The time.</param>
/// <param name="Logger">Where log lines go.</param>
public sealed record FunctionServices(
    IFunctionEnvironment Environment,
    Lazy<IConnectionStore> Store,
    Lazy<IHistoryStore?> History,
    Lazy<IManagementApi> Management,
    TimeProvider Clock,
    FunctionLogger Logger)
{
    /// <summary>
    /// Services for a Lambda process: the DynamoDB stores and the signed management client from the environment
    /// (history off when <c>RTC_HISTORY_TABLE</c> is unset).
    /// </summary>
    public static FunctionServices FromEnvironment(IFunctionEnvironment environment) => new(
        environment,
        new Lazy<IConnectionStore>(() => DynamoDbConnectionStore.FromEnvironment(environment)),
        new Lazy<IHistoryStore?>(() => DynamoDbHistoryStore.FromEnvironment(environment)),
        new Lazy<IManagementApi>(() => ManagementApiClient.FromEnvironment(environment)),
        TimeProvider.System,
        FunctionLogger.StandardOutput);
}
