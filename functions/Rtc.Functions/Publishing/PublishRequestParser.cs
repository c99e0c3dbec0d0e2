using System.Text.Json;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Publishing;

/// <summary>
/// Reads the publisher's event: a direct invocation (<c>userId</c> or <c>userIds</c> plus <c>message</c>) or an
/// EventBridge event whose <c>detail</c> carries <c>user_id</c> or <c>user_ids</c>. Anything else throws
/// <see cref="InvalidPublishRequest"/>.
/// </summary>
public static class PublishRequestParser
{
    private const string UserIdProperty = "userId";
    private const string UserIdsProperty = "userIds";
    private const string MessageProperty = "message";
    private const string DetailProperty = "detail";
    private const string SourceProperty = "source";
    private const string DetailTypeProperty = "detail-type";
    private const string DetailUserIdProperty = "user_id";
    private const string DetailUserIdsProperty = "user_ids";

    private const string DisconnectProperty = "disconnect";
    private const string ReasonProperty = "reason";

    /// <summary>Validates <paramref name="eventJson"/> as a publish and serialises its message once.</summary>
    public static PublishRequest Parse(string eventJson) =>
        ParseAny(eventJson) as PublishRequest ?? throw InvalidPublishRequest.Because("this is a disconnect request, not a publish");

    /// <summary>
    /// Validates <paramref name="eventJson"/> as either a publish (<see cref="PublishRequest"/>) or a disconnect
    /// (<see cref="DisconnectRequest"/>: <c>{"disconnect":{"userIds":[...],"reason":"..."}}</c>, or an EventBridge
    /// event whose <c>detail</c> is that object). A request is one or the other, never both.
    /// </summary>
    public static PublisherRequest ParseAny(string eventJson)
    {
        using (var document = JsonInput.TryParse(eventJson, out var error)
            ?? throw InvalidPublishRequest.Because($"the event cannot be read: {JsonInput.Describe(error)}"))
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw InvalidPublishRequest.Because($"the event is a JSON {Describe(root.ValueKind)}, not an object");
            }

            return root.TryGetProperty(DetailProperty, out var detail) ? ParseEventBridge(root, detail) : ParseDirectOrDisconnect(root);
        }
    }

    private static PublisherRequest ParseDirectOrDisconnect(JsonElement root) =>
        root.TryGetProperty(DisconnectProperty, out var disconnect)
            ? ParseDisconnect(root, disconnect, "", UserIdProperty, UserIdsProperty, MessageProperty)
            : ParseDirect(root);

    // The container (the event, or an EventBridge detail) holds 'disconnect' and none of a publish's fields.
    private static DisconnectRequest ParseDisconnect(JsonElement container, JsonElement disconnect, string prefix, params string[] publishFields)
    {
        if (publishFields.FirstOrDefault(name => container.TryGetProperty(name, out _)) is { } field)
        {
            throw InvalidPublishRequest.Because($"a request is a publish or a disconnect, not both: '{prefix}{DisconnectProperty}' cannot come with '{prefix}{field}'");
        }

        var what = $"{prefix}{DisconnectProperty}";
        if (disconnect.ValueKind != JsonValueKind.Object)
        {
            throw InvalidPublishRequest.Because($"'{what}' is a JSON {Describe(disconnect.ValueKind)}, not an object");
        }

        if (!disconnect.TryGetProperty(UserIdsProperty, out _))
        {
            throw InvalidPublishRequest.Because($"'{what}.{UserIdsProperty}' is required");
        }

        var userIds = ReadUsers(disconnect, UserIdProperty, UserIdsProperty, what + ".");
        if (!disconnect.TryGetProperty(ReasonProperty, out var reasonElement) || reasonElement.ValueKind != JsonValueKind.String
            || reasonElement.GetString() is not { } reason)
        {
            throw InvalidPublishRequest.Because($"'{what}.{ReasonProperty}' must be a string of at most {PublishRequestLimits.MaxDisconnectReasonChars} characters");
        }

        if (reason.Length > PublishRequestLimits.MaxDisconnectReasonChars)
        {
            throw InvalidPublishRequest.Because(
                $"'{what}.{ReasonProperty}' is {reason.Length} characters; the limit is {PublishRequestLimits.MaxDisconnectReasonChars}");
        }

        return new DisconnectRequest(userIds, reason);
    }

    private static PublishRequest ParseDirect(JsonElement root)
    {
        var userIds = ReadUsers(root, UserIdProperty, UserIdsProperty);
        if (!root.TryGetProperty(MessageProperty, out var message) || message.ValueKind == JsonValueKind.Null)
        {
            throw InvalidPublishRequest.Because("'message' is missing or null");
        }

        return new PublishRequest(userIds, Serialise(message.WriteTo));
    }

    private static PublisherRequest ParseEventBridge(JsonElement root, JsonElement detail)
    {
        if (!IsNonEmptyString(root, SourceProperty) || !IsNonEmptyString(root, DetailTypeProperty))
        {
            throw InvalidPublishRequest.Because("an event with 'detail' must also carry 'source' and 'detail-type' strings");
        }

        if (detail.ValueKind != JsonValueKind.Object)
        {
            throw InvalidPublishRequest.Because($"'detail' is a JSON {Describe(detail.ValueKind)}, not an object");
        }

        if (detail.TryGetProperty(DisconnectProperty, out var disconnect))
        {
            return ParseDisconnect(detail, disconnect, "detail.", DetailUserIdProperty, DetailUserIdsProperty);
        }

        var userIds = ReadUsers(detail, DetailUserIdProperty, DetailUserIdsProperty, "detail.");
        var message = Serialise(writer =>
        {
            // The original design's contract: detail minus the addressing is what the user receives.
            writer.WriteStartObject();
            foreach (var property in detail.EnumerateObject())
            {
                if (property.NameEquals(DetailUserIdProperty) || property.NameEquals(DetailUserIdsProperty))
                {
                    continue;
                }

                property.WriteTo(writer);
            }

            writer.WriteEndObject();
        });
        return new PublishRequest(userIds, message);
    }

    private static IReadOnlyList<string> ReadUsers(JsonElement container, string singleName, string listName, string prefix = "")
    {
        var hasSingle = container.TryGetProperty(singleName, out var single);
        var hasList = container.TryGetProperty(listName, out var list);
        if (hasSingle == hasList)
        {
            throw InvalidPublishRequest.Because(hasSingle
                ? $"give either '{prefix}{singleName}' or '{prefix}{listName}', not both"
                : $"'{prefix}{singleName}' or '{prefix}{listName}' is required");
        }

        if (hasSingle)
        {
            return [ReadUserId(single, prefix + singleName)];
        }

        if (list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
        {
            throw InvalidPublishRequest.Because($"'{prefix}{listName}' must be a non-empty array of user id strings");
        }

        var distinct = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in list.EnumerateArray())
        {
            var userId = ReadUserId(item, $"an entry of '{prefix}{listName}'");
            if (seen.Add(userId))
            {
                distinct.Add(userId);
            }
        }

        if (distinct.Count > PublishRequestLimits.MaxUsers)
        {
            throw InvalidPublishRequest.Because(
                $"'{prefix}{listName}' names {distinct.Count} distinct users; one request may name at most {PublishRequestLimits.MaxUsers}");
        }

        return distinct;
    }

    private static string ReadUserId(JsonElement element, string what)
    {
        // No connection is stored under an id $connect refuses, so such an id is the caller's mistake.
        if (element.ValueKind != JsonValueKind.String || element.GetString() is not { } userId || !UserIdRules.IsValid(userId))
        {
            throw InvalidPublishRequest.Because($"{what} must be {UserIdRules.Description}");
        }

        return userId;
    }

    // The limit applies to exactly the bytes posted as the envelope's data.
    private static byte[] Serialise(Action<Utf8JsonWriter> write)
    {
        var message = JsonOutput.Write(write);
        if (message.Length > ClientFrames.MaxPublishedDataBytes)
        {
            throw InvalidPublishRequest.Because(
                $"the message is {message.Length} bytes as posted (UTF-8 JSON); the limit is {ClientFrames.MaxPublishedDataBytes} " +
                $"(the management API's {WebSocketQuotas.MaxMessageBytes} less the message envelope)");
        }

        return message;
    }

    private static bool IsNonEmptyString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 };

    private static string Describe(JsonValueKind kind) => kind.ToString().ToLowerInvariant();
}

/// <summary>A validated publish request: whom to notify and the message, already serialised once.</summary>
/// <param name="UserIds">Distinct user ids, in the order the caller gave them.</param>
/// <param name="Message">The UTF-8 JSON bytes posted to every connection.</param>
public sealed record PublishRequest(IReadOnlyList<string> UserIds, byte[] Message) : PublisherRequest(UserIds);

/// <summary>What the publisher was asked to do: publish a message, or end users' sessions.</summary>
/// <param name="UserIds">Distinct user ids, in the order the caller gave them.</param>
public abstract record PublisherRequest(IReadOnlyList<string> UserIds);

/// <summary>A validated disconnect request: end every session of these users, telling each connection why.</summary>
/// <param name="UserIds">Distinct user ids, in the order the caller gave them.</param>
/// <param name="Reason">Posted in the <c>session_ended</c> frame; at most <see cref="PublishRequestLimits.MaxDisconnectReasonChars"/> characters.</param>
public sealed record DisconnectRequest(IReadOnlyList<string> UserIds, string Reason) : PublisherRequest(UserIds);

/// <summary>The <c>InvalidPublishRequest</c> error: every message says what was wrong and which shapes are accepted.</summary>
public static class InvalidPublishRequest
{
    /// <summary>The Lambda error type callers branch on.</summary>
    public const string ErrorType = "InvalidPublishRequest";

    /// <summary>The accepted input shapes, as named in every error message.</summary>
    public const string AcceptedShapes =
        "Accepted shapes: {\"userId\":\"u1\",\"message\":<any JSON>}, {\"userIds\":[\"u1\",\"u2\"],\"message\":<any JSON>}, " +
        "or an EventBridge event {\"source\":...,\"detail-type\":...,\"detail\":{\"user_id\":\"u1\" or \"user_ids\":[...], ...}} " +
        "whose detail, without user_id/user_ids, is the message; " +
        "or a disconnect {\"disconnect\":{\"userIds\":[\"u1\"],\"reason\":\"...\"}} (also as an EventBridge detail).";

    /// <summary>An invocation error naming <paramref name="reason"/> and the accepted shapes.</summary>
    public static InvocationException Because(string reason) => new(ErrorType, $"Invalid publish request: {reason}. {AcceptedShapes}");
}
