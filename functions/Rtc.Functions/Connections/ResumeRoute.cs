using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Functions.Connections;

/// <summary>
/// The <c>resume</c> route: answers a reconnecting client from its user's history stream (<see cref="ResumeResponder"/>).
/// The user is read from the connection's row, never from the message, so a client can only ever resume its own
/// user's stream. The frames are posted one after another, each post awaited before the next, so they arrive in order.
/// </summary>
public sealed class ResumeRoute(IConnectionStore store, ResumeResponder responder, ReplySender replies)
{
    /// <summary>
    /// The <see cref="InvocationException.ErrorType"/> of a resume from a connection without a row: its user is
    /// unknown. API Gateway then sends the client its "Internal server error" notice, and the client reconnects.
    /// </summary>
    public const string UnknownConnectionErrorType = "UnknownConnection";

    public async Task<RouteResult> HandleAsync(WebSocketRequest request, string connectionId, DateTimeOffset stopAt, CancellationToken cancellationToken = default)
    {
        var userId = await store.GetUserIdAsync(connectionId, cancellationToken)
            ?? throw new InvocationException(UnknownConnectionErrorType,
                $"Connection {connectionId} has no row, so its user is unknown (it is closing, or its row was removed); nothing was answered.");

        // API Gateway routes binary frames to $default, so a base64 body here is not a resume request.
        var answer = await responder.AnswerAsync(userId, request.IsBase64Encoded ? null : request.Body, cancellationToken);

        // A frame is retried on 429/5xx within the deadline (ReplySender). One that still is not delivered ends the
        // answer: a later one alone would arrive out of order. The client's resume then times out and it resumes
        // again from what it has.
        ManagementOutcome? last = null;
        var posted = 0;
        foreach (var frame in answer.Frames)
        {
            last = await replies.PostAsync(connectionId, frame, stopAt, cancellationToken);
            if (last != ManagementOutcome.Delivered)
            {
                break;
            }

            posted++;
        }

        return new RouteResult(RouteResult.Status(200), answer.Outcome, userId, ReplySender.Describe(last),
            [("replayed", answer.Replayed), ("frames", posted)]);
    }
}
