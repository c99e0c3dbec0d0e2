using Rtc.Functions.Composition;
using Rtc.Functions.Connections;

namespace Rtc.Functions.Runtime;

/// <summary>The handlers one <c>Rtc.Functions</c> assembly can run, chosen by <c>RTC_HANDLER</c>.</summary>
public static class HandlerCatalog
{
    /// <summary>WebSocket routes: <c>$connect</c>, <c>$disconnect</c>, <c>$default</c>, <c>resume</c> (API Gateway answers <c>ping</c> itself).</summary>
    public const string Connections = "connections";

    /// <summary>Delivers a message to every connection of one or many users.</summary>
    public const string Publisher = "publisher";

    /// <summary>Lambda REQUEST authorizer for <c>$connect</c>.</summary>
    public const string Authorizer = "authorizer";

    /// <summary>Every accepted <c>RTC_HANDLER</c> value.</summary>
    public static readonly IReadOnlyList<string> Names = [Connections, Publisher, Authorizer];

    /// <summary>Builds the named handler; an unknown or missing name throws, naming the allowed values.</summary>
    public static IInvocationHandler Create(string? name, FunctionServices services) => name switch
    {
        Connections => ConnectionsHandler.Create(services),
        Publisher => Publishing.PublisherHandler.Create(services),
        Authorizer => Authorization.AuthorizerHandler.FromServices(services),
        _ => throw new InvalidOperationException(
            $"RTC_HANDLER is {(name is null ? "not set" : $"'{name}'")}; allowed values: {string.Join(", ", Names)}."),
    };
}
