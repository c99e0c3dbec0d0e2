using Rtc.Contracts;
using Rtc.Functions.Authorization;
using Rtc.Functions.Connections;
using Rtc.Functions.Publishing;

namespace Rtc.Functions.Runtime;

/// <summary>Builds the handler <c>RTC_HANDLER</c> names, one of <see cref="HandlerNames.All"/>.</summary>
public static class HandlerCatalog
{
    /// <summary>Builds the named handler; an unknown or missing name throws, naming the allowed values.</summary>
    public static IInvocationHandler Create(string? name, FunctionServices services) => name switch
    {
        HandlerNames.Connections => ConnectionsHandler.FromServices(services),
        HandlerNames.Publisher => PublisherHandler.FromServices(services),
        HandlerNames.Authorizer => AuthorizerHandler.FromServices(services),
        _ => throw new InvalidOperationException(
            $"RTC_HANDLER is {(name is null ? "not set" : $"'{name}'")}; allowed values: {string.Join(", ", HandlerNames.All)}."),
    };
}
