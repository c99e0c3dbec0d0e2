namespace Rtc.Functions.History;

/// <summary>
/// Answers a <c>resume</c> message for a user: parses it, reads the user's stream (head, then the range the
/// planner needs) and lets <see cref="ResumePlanner"/> decide. The caller posts the frames in order.
/// </summary>
/// <param name="history">The history store; null when history is off.</param>
/// <param name="clock">The time expiry is judged against.</param>
public sealed class ResumeResponder(IHistoryStore? history, TimeProvider clock)
{
    /// <summary>The frames answering <paramref name="body"/> from <paramref name="userId"/>, the connection's user.</summary>
    public async Task<ResumeAnswer> AnswerAsync(string userId, string? body, CancellationToken cancellationToken = default)
    {
        if (!ResumeRequest.TryParse(body, out var request))
        {
            return ResumePlanner.Invalid;
        }

        if (history is null)
        {
            return ResumePlanner.Disabled;
        }

        var head = await history.GetHeadAsync(userId, cancellationToken);
        var stored = ResumePlanner.RangeToRead(request, head) is { } range
            ? await history.ReadRangeAsync(userId, range, cancellationToken)
            : [];
        return ResumePlanner.Plan(request, head, stored, clock.GetUtcNow());
    }
}
