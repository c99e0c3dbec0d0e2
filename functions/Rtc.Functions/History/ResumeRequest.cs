using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Rtc.Contracts;

namespace Rtc.Functions.History;

/// <summary>
/// A client's <c>{"action":"resume","epoch":"E","after":41}</c>: the last position it holds, or none
/// (<c>{"action":"resume"}</c>, a first connection asking for its baseline).
/// </summary>
/// <param name="HasPosition">False for a resume without <c>epoch</c> and <c>after</c>.</param>
/// <param name="Epoch">
/// The epoch the client's position belongs to; null for the position <c>(null, 0)</c> a client holds when the
/// user had no stream yet (what <c>position</c> and <c>reset</c> answer then).
/// </param>
/// <param name="After">The last sequence number the client has.</param>
public sealed record ResumeRequest(bool HasPosition, string? Epoch, long After)
{
    public const string EpochProperty = "epoch";

    public const string AfterProperty = "after";

    public static ResumeRequest WithoutPosition { get; } = new(false, null, 0);

    /// <summary>
    /// Reads a resume message body. False, with no request, when it is malformed: not a JSON object, only one of
    /// <c>epoch</c> and <c>after</c>, <c>after</c> not a whole number from 0 to 2^63-1, <c>epoch</c> neither a
    /// string nor null, or a null epoch with an <c>after</c> other than 0 (no stream has no position past 0).
    /// </summary>
    public static bool TryParse(string? body, [NotNullWhen(true)] out ResumeRequest? request)
    {
        request = null;
        if (body is null)
        {
            return false;
        }

        // A body the functions cannot read (not JSON, too deep, a lone surrogate) is malformed like any other.
        using var document = JsonInput.TryParse(body, out _);
        if (document is null)
        {
            return false;
        }

        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var hasEpoch = root.TryGetProperty(EpochProperty, out var epoch);
        var hasAfter = root.TryGetProperty(AfterProperty, out var after);
        if (!hasEpoch && !hasAfter)
        {
            request = WithoutPosition;
            return true;
        }

        // TryGetInt64 refuses fractions and exponents (41.0, 4.1e1) and numbers past long's range.
        if (!hasEpoch || !hasAfter
            || after.ValueKind != JsonValueKind.Number || !after.TryGetInt64(out var afterSeq) || afterSeq < 0)
        {
            return false;
        }

        switch (epoch.ValueKind)
        {
            case JsonValueKind.String:
                request = new ResumeRequest(true, epoch.GetString(), afterSeq);
                return true;
            case JsonValueKind.Null when afterSeq == 0:
                request = new ResumeRequest(true, null, 0);
                return true;
            default:
                return false;
        }
    }
}
