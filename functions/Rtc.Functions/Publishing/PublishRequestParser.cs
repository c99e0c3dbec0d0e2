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

    /// <summary>Validates <paramref name="eventJson"/> and serialises its message once.</summary>
    public static PublishRequest Parse(string eventJson)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(eventJson);
        }
        catch (JsonException)
        {
            throw InvalidPublishRequest.Because("the event is not valid JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw InvalidPublishRequest.Because($"the event is a JSON {Describe(root.ValueKind)}, not an object");
            }

            return root.TryGetProperty(DetailProperty, out var detail) ? ParseEventBridge(root, detail) : ParseDirect(root);
        }
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

    private static PublishRequest ParseEventBridge(JsonElement root, JsonElement detail)
    {
        if (!IsNonEmptyString(root, SourceProperty) || !IsNonEmptyString(root, DetailTypeProperty))
        {
            throw InvalidPublishRequest.Because("an event with 'detail' must also carry 'source' and 'detail-type' strings");
        }

        if (detail.ValueKind != JsonValueKind.Object)
        {
            throw InvalidPublishRequest.Because($"'detail' is a JSON {Describe(detail.ValueKind)}, not an object");
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
public sealed record PublishRequest(IReadOnlyList<string> UserIds, byte[] Message);

/// <summary>The <c>InvalidPublishRequest</c> error: every message says what was wrong and which shapes are accepted.</summary>
public static class InvalidPublishRequest
{
    /// <summary>The Lambda error type callers branch on.</summary>
    public const string ErrorType = "InvalidPublishRequest";

    /// <summary>The accepted input shapes, as named in every error message.</summary>
    public const string AcceptedShapes =
        "Accepted shapes: {\"userId\":\"u1\",\"message\":<any JSON>}, {\"userIds\":[\"u1\",\"u2\"],\"message\":<any JSON>}, " +
        "or an EventBridge event {\"source\":...,\"detail-type\":...,\"detail\":{\"user_id\":\"u1\" or \"user_ids\":[...], ...}} " +
        "whose detail, without user_id/user_ids, is the message.";

    /// <summary>An invocation error naming <paramref name="reason"/> and the accepted shapes.</summary>
    public static InvocationException Because(string reason) => new(ErrorType, $"Invalid publish request: {reason}. {AcceptedShapes}");
}
