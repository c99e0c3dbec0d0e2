namespace Rtc.Functions.Runtime;

/// <summary>Header names of the Lambda Runtime API.</summary>
public static class RuntimeApiHeaders
{
    /// <summary>The invocation's request id.</summary>
    public const string RequestId = "Lambda-Runtime-Aws-Request-Id";

    /// <summary>When Lambda stops the invocation, epoch milliseconds.</summary>
    public const string DeadlineMs = "Lambda-Runtime-Deadline-Ms";

    /// <summary>The ARN the caller invoked.</summary>
    public const string InvokedFunctionArn = "Lambda-Runtime-Invoked-Function-Arn";

    /// <summary>The X-Ray trace header.</summary>
    public const string TraceId = "Lambda-Runtime-Trace-Id";

    /// <summary>The error type, on error posts.</summary>
    public const string FunctionErrorType = "Lambda-Runtime-Function-Error-Type";

    /// <summary>The environment variable the X-Ray SDKs read the trace header from.</summary>
    public const string TraceIdEnvironmentVariable = "_X_AMZN_TRACE_ID";
}
