
namespace Rtc.Functions.Runtime;

/// <summary>
/// The Lambda Runtime API loop: build the handler (a failure is posted to <c>/runtime/init/error</c> and ends the
/// process), then next event, handler, response or error post, next, one invocation at a time.
/// </summary>
/// <param name="runtimeApi">Where events come from and results go.</param>
/// <param name="logger">Where the loop's own failures are logged.</param>
/// <param name="clock">Turns each invocation's deadline into a cancellation.</param>
/// <param name="publishTraceId">Makes each invocation's trace header visible to tracing code
/// (<see cref="SetProcessTraceId"/> in a Lambda process).</param>
public sealed class LambdaRuntimeLoop(IRuntimeApi runtimeApi, FunctionLogger logger, TimeProvider clock, Action<string?> publishTraceId)
{
    public const int InitFailedExitCode = 1;

    /// <summary>Sets <c>_X_AMZN_TRACE_ID</c> as the Lambda runtime contract asks (the X-Ray SDKs read it there).</summary>
    public static void SetProcessTraceId(string? traceId) =>
        Environment.SetEnvironmentVariable(RuntimeApiHeaders.TraceIdEnvironmentVariable, traceId);

    /// <summary>
    /// Builds the handler with <paramref name="createHandler"/> and serves events until
    /// <paramref name="cancellationToken"/> is cancelled. Returns the process exit code: 0 after a shutdown,
    /// <see cref="InitFailedExitCode"/> when the handler could not be built.
    /// </summary>
    public async Task<int> RunAsync(Func<IInvocationHandler> createHandler, CancellationToken cancellationToken = default)
    {
        IInvocationHandler handler;
        try
        {
            handler = createHandler();
            StartupTrace.Mark(StartupTrace.HandlerBuilt);
        }
        catch (Exception exception)
        {
            var error = RuntimeError.From(exception);
            logger.Write(LogSeverity.Error, "init failed", ("errorType", error.ErrorType), ("errorMessage", error.ErrorMessage));
            await runtimeApi.PostInitErrorAsync(error, CancellationToken.None);
            return InitFailedExitCode;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            RuntimeInvocation invocation;
            try
            {
                StartupTrace.Mark(StartupTrace.NextRequested);
                invocation = await runtimeApi.GetNextInvocationAsync(cancellationToken);
                StartupTrace.Mark(StartupTrace.EventReceived);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }

            await InvokeAsync(handler, invocation, cancellationToken);
        }

        return 0;
    }

    private async Task InvokeAsync(IInvocationHandler handler, RuntimeInvocation invocation, CancellationToken cancellationToken)
    {
        var context = invocation.Context;
        publishTraceId(context.TraceId);
        using var pastDeadline = context.CancelBeforeDeadline(TimeSpan.Zero, clock);
        using var invocationToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, pastDeadline.Token);
        string responseJson;
        try
        {
            responseJson = await handler.HandleAsync(invocation.EventJson, context, invocationToken.Token);
            StartupTrace.Mark(StartupTrace.Handled);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: Lambda reports the unfinished invocation itself.
            return;
        }
        catch (Exception exception)
        {
            var error = exception is OperationCanceledException && pastDeadline.IsCancellationRequested
                ? new RuntimeError("The invocation ran past its deadline.", "Runtime.DeadlineExceeded")
                : RuntimeError.From(exception);
            logger.Write(LogSeverity.Error, "invocation failed",
                ("requestId", context.RequestId), ("errorType", error.ErrorType), ("errorMessage", error.ErrorMessage));
            // A finished invocation's result is posted even during shutdown, so it is not lost.
            await runtimeApi.PostInvocationErrorAsync(context.RequestId, error, CancellationToken.None);
            return;
        }

        await runtimeApi.PostResponseAsync(context.RequestId, responseJson, CancellationToken.None);
        StartupTrace.Mark(StartupTrace.Posted);
    }
}
