using Rtc.Functions.Composition;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Local.Hosting;

/// <summary>What the gateway hosts: the connection store, how the functions reach the management API, and the functions.</summary>
/// <param name="Store">Where the functions keep connections.</param>
/// <param name="CreateManagementApi">Builds the functions' management API client for the gateway's own management endpoint.</param>
/// <param name="CreateHandler">Builds a function by name; defaults to <see cref="HandlerCatalog.Create"/>.</param>
/// <param name="Logger">Where the gateway and the functions write their structured log lines.</param>
public sealed record GatewayDependencies(
    IConnectionStore Store,
    Func<Uri, IManagementApi> CreateManagementApi,
    Func<string, FunctionServices, IInvocationHandler> CreateHandler,
    FunctionLogger Logger);
