using System.Text.Json;

namespace Rtc.Contracts;

/// <summary>
/// How the functions read JSON they are given (the publisher's event, resume and <c>$default</c> frames), defined
/// once, so every input is refused for the same reasons in the same words rather than failing the invocation
/// on the way out. JSON the functions cannot use is one of three things: not JSON, nested deeper than
/// <see cref="MaxDepth"/>, or holding a lone UTF-16 surrogate escape (<c>"\ud800"</c>): valid JSON syntax that
/// is no character, so it cannot be written as UTF-8, posted or stored.
/// </summary>
public static class JsonInput
{
    /// <summary>
    /// The deepest nesting read, the outermost object or array being level 1: System.Text.Json's default, so the
    /// publisher's message may be nested up to 63 levels inside its event.
    /// </summary>
    public const int MaxDepth = 64;

    // Only to tell "too deep" from "not JSON" once the normal read has failed; JsonDocument keeps its depth in a
    // bit stack, so this costs no recursion.
    private static readonly JsonDocumentOptions AnyDepth = new() { MaxDepth = int.MaxValue };

    /// <summary>Reads <paramref name="json"/>; null, with the reason, when the functions cannot use it.</summary>
    public static JsonDocument? TryParse(string json, out JsonInputError error)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException)
        {
            error = IsJsonAtAnyDepth(json) ? JsonInputError.TooDeep : JsonInputError.NotJson;
            return null;
        }

        if (HasLoneSurrogate(document.RootElement))
        {
            document.Dispose();
            error = JsonInputError.LoneSurrogate;
            return null;
        }

        error = JsonInputError.None;
        return document;
    }

    /// <summary>What is wrong, in words an error message can carry.</summary>
    public static string Describe(JsonInputError error) => error switch
    {
        JsonInputError.TooDeep => $"it is nested more than {MaxDepth} levels deep, the most the functions read",
        JsonInputError.LoneSurrogate =>
            "a string or name holds a lone UTF-16 surrogate escape (\\uD800 to \\uDFFF without its pair), which is no character and cannot be sent as UTF-8",
        _ => "it is not valid JSON",
    };

    private static bool IsJsonAtAnyDepth(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json, AnyDepth);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    // Every string and property name, without recursion. Decoding is what fails on a lone surrogate
    // (InvalidOperationException), so the check is to decode each once.
    private static bool HasLoneSurrogate(JsonElement root)
    {
        var pending = new Stack<JsonElement>();
        pending.Push(root);
        try
        {
            while (pending.TryPop(out var element))
            {
                switch (element.ValueKind)
                {
                    case JsonValueKind.String:
                        _ = element.GetString();
                        break;
                    case JsonValueKind.Array:
                        foreach (var item in element.EnumerateArray())
                        {
                            pending.Push(item);
                        }

                        break;
                    case JsonValueKind.Object:
                        foreach (var property in element.EnumerateObject())
                        {
                            _ = property.Name;
                            pending.Push(property.Value);
                        }

                        break;
                }
            }
        }
        catch (InvalidOperationException)
        {
            return true;
        }

        return false;
    }
}

/// <summary>Why <see cref="JsonInput.TryParse"/> refused its input.</summary>
public enum JsonInputError
{
    /// <summary>Nothing: the input was read.</summary>
    None,

    /// <summary>Not JSON at all.</summary>
    NotJson,

    /// <summary>JSON nested deeper than <see cref="JsonInput.MaxDepth"/>.</summary>
    TooDeep,

    /// <summary>JSON with a string or property name that holds a lone UTF-16 surrogate escape.</summary>
    LoneSurrogate,
}
