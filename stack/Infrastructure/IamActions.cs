namespace Rtc.Stack.Infrastructure;

/// <summary>Every IAM action the stack grants, named once.</summary>
internal static class IamActions
{
    /// <summary>Write a connection row; store a message in a history stream.</summary>
    public const string DynamoDbPutItem = "dynamodb:PutItem";

    /// <summary>Read a connection row (the user of a resume).</summary>
    public const string DynamoDbGetItem = "dynamodb:GetItem";

    /// <summary>Delete a connection row.</summary>
    public const string DynamoDbDeleteItem = "dynamodb:DeleteItem";

    /// <summary>Allocate the next number of a user's history stream (<c>ADD</c> on its head item).</summary>
    public const string DynamoDbUpdateItem = "dynamodb:UpdateItem";

    /// <summary>Look up a user's connections on the index; read a user's history stream.</summary>
    public const string DynamoDbQuery = "dynamodb:Query";

    /// <summary>Post to, read or close a connection through the management API.</summary>
    public const string ManageConnections = "execute-api:ManageConnections";

    /// <summary>Open a log stream in the function's log group.</summary>
    public const string LogsCreateLogStream = "logs:CreateLogStream";

    /// <summary>Write log events to the function's log streams.</summary>
    public const string LogsPutLogEvents = "logs:PutLogEvents";

    /// <summary>A service invoking a function (API Gateway a route's or the authorizer's, EventBridge the publisher).</summary>
    public const string LambdaInvokeFunction = "lambda:InvokeFunction";

    /// <summary>A service assuming a role (Lambda its execution role, API Gateway the account's CloudWatch Logs role).</summary>
    public const string StsAssumeRole = "sts:AssumeRole";
}
