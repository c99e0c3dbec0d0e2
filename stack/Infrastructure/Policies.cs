using System.Text.Json.Nodes;
using Rtc.Stack.Template;

namespace Rtc.Stack.Infrastructure;

/// <summary>
/// Least privilege produced by the program, not typed by hand: each grant returns the exact statement for one
/// need, and documents are built from objects and serialised with <c>fn::toJSON</c>.
/// </summary>
internal static class Policies
{
    /// <summary>The @connections path of one stage, for POST (the pattern the management API authorises).</summary>
    public const string ConnectionsPath = "POST/@connections/*";

    /// <summary>The @connections path of one stage, for DELETE (DeleteConnection).</summary>
    public const string CloseConnectionsPath = "DELETE/@connections/*";

    /// <summary>Suffix of a log group ARN that covers its log streams.</summary>
    public const string LogStreamsSuffix = ":*";

    /// <summary>
    /// The connections function's rows: PutItem ($connect), DeleteItem ($disconnect, 410) and GetItem (a resume's
    /// user, read from the row) on the table.
    /// </summary>
    public static JsonObject GrantConnectionRows(string tableArn) =>
        Allow([IamActions.DynamoDbPutItem, IamActions.DynamoDbDeleteItem, IamActions.DynamoDbGetItem], tableArn);

    /// <summary>Delete connection rows (stale connections): DeleteItem on the table.</summary>
    public static JsonObject GrantDeleteConnections(string tableArn) => Allow([IamActions.DynamoDbDeleteItem], tableArn);

    /// <summary>Query one index: Query on <c>{tableArn}/index/{index}</c> (not the table, not every index).</summary>
    public static JsonObject GrantQueryIndex(string tableArn, string indexName) =>
        Allow([IamActions.DynamoDbQuery], $"{tableArn}/index/{indexName}");

    /// <summary>
    /// Append to history streams: UpdateItem (allocate the number on the head) and PutItem (store the message) on
    /// the history table, nothing else: the publisher never reads or deletes history.
    /// </summary>
    public static JsonObject GrantAppendHistory(string historyTableArn) =>
        Allow([IamActions.DynamoDbUpdateItem, IamActions.DynamoDbPutItem], historyTableArn);

    /// <summary>Read history streams for resume: Query on the history table (head and range both come from Query).</summary>
    public static JsonObject GrantReadHistory(string historyTableArn) => Allow([IamActions.DynamoDbQuery], historyTableArn);

    /// <summary>Post to this stage's connections: <c>{executionArn}/{stage}/POST/@connections/*</c>.</summary>
    public static JsonObject GrantManageConnections(string executionArn, string stageName) =>
        Allow([IamActions.ManageConnections], $"{executionArn}/{stageName}/{ConnectionsPath}");

    /// <summary>
    /// Close this stage's connections (DeleteConnection): <c>{executionArn}/{stage}/DELETE/@connections/*</c>. Only the
    /// publisher, which ends users' sessions, gets it.
    /// </summary>
    public static JsonObject GrantCloseConnections(string executionArn, string stageName) =>
        Allow([IamActions.ManageConnections], $"{executionArn}/{stageName}/{CloseConnectionsPath}");

    /// <summary>Write logs to one log group's streams: <c>{logGroupArn}:*</c>. The group itself is the stack's.</summary>
    public static JsonObject GrantLogWrites(string logGroupArn) =>
        Allow([IamActions.LogsCreateLogStream, IamActions.LogsPutLogEvents], logGroupArn + LogStreamsSuffix);

    /// <summary>The ARN of an AWS managed policy (<c>arn:{partition}:iam::aws:policy/{path and name}</c>).</summary>
    public static string AwsManagedPolicyArn(string partition, string pathAndName) => $"arn:{partition}:iam::aws:policy/{pathAndName}";

    /// <summary>A policy document (as <c>fn::toJSON</c>) of the given statements.</summary>
    public static JsonObject Document(IEnumerable<JsonObject> statements) => Fn.ToJson(new JsonObject
    {
        ["Version"] = "2012-10-17",
        ["Statement"] = new JsonArray([.. statements]),
    });

    /// <summary>The trust policy that lets one service (a <see cref="ServicePrincipals"/> name) assume a role.</summary>
    public static JsonObject TrustService(string servicePrincipal) => Document(
    [
        new JsonObject
        {
            ["Effect"] = "Allow",
            ["Principal"] = new JsonObject { ["Service"] = servicePrincipal },
            ["Action"] = IamActions.StsAssumeRole,
        },
    ]);

    private static JsonObject Allow(IReadOnlyList<string> actions, string resource) => new()
    {
        ["Effect"] = "Allow",
        ["Action"] = new JsonArray([.. actions.Select(action => (JsonNode)action)]),
        ["Resource"] = resource,
    };
}
