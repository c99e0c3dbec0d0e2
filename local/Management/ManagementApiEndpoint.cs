using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using Rtc.Contracts;
using Rtc.Functions.Runtime;
using Rtc.Local.Configuration;
using Rtc.Local.Connections;
using Rtc.Local.Hosting;
using Rtc.Local.Http;
using Rtc.Local.Signing;

namespace Rtc.Local.Management;

/// <summary>
/// API Gateway's management API, <c>/{stage}/@connections/{id}</c>: PostToConnection, GetConnection and
/// DeleteConnection with AWS's status codes, <c>x-amzn-ErrorType</c> headers and SigV4 (service <c>execute-api</c>).
/// </summary>
internal sealed class ManagementApiEndpoint(
    GatewayOptions options,
    ConnectionRegistry registry,
    SignatureValidator verifier,
    FaultInjector faults,
    FunctionLogger logger)
{
    public const string SigningService = "execute-api";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public async Task HandleAsync(HttpContext http, string stage, string connectionId)
    {
        try
        {
            await ServeAsync(http, stage, connectionId);
        }
        finally
        {
            logger.Write(LogSeverity.Info, "management", ("method", http.Request.Method), ("connectionId", connectionId), ("status", http.Response.StatusCode));
        }
    }

    private async Task ServeAsync(HttpContext http, string stage, string connectionId)
    {
        var cancellationToken = http.RequestAborted;
        var body = await RequestBody.ReadAsync(http.Request, options.MaxMessageBytes, cancellationToken);
        if (body is null)
        {
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "PayloadTooLargeException", "Request Entity Too Large", cancellationToken);
            return;
        }

        if (options.RequireSignature && verifier.Check(http.Request, SigningService, body) is { IsValid: false } refusal)
        {
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, refusal.ErrorType!, refusal.Message, cancellationToken);
            return;
        }

        if (!string.Equals(stage, options.Stage, StringComparison.Ordinal) || http.Request.Method is not ("POST" or "GET" or "DELETE"))
        {
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status403Forbidden, "ForbiddenException", "Forbidden", cancellationToken);
            return;
        }

        if (await faults.NextAsync(cancellationToken) is { } fault)
        {
            await AwsErrorResponses.WriteAsync(http, fault.Status, fault.ErrorType, fault.Message, cancellationToken);
            return;
        }

        var connection = registry.Find(connectionId);
        var served = connection is not null && http.Request.Method switch
        {
            "POST" => await PostAsync(http, connection, body, cancellationToken),
            "GET" => await GetAsync(http, connection, cancellationToken),
            _ => await DeleteAsync(http, connection),
        };
        if (!served)
        {
            // AWS answers 410 with an empty body; clients classify it by status and error type alone.
            await AwsErrorResponses.WriteAsync(http, StatusCodes.Status410Gone, "GoneException", message: null, cancellationToken);
        }
    }

    private static async Task<bool> PostAsync(HttpContext http, LiveConnection connection, byte[] body, CancellationToken cancellationToken)
    {
        var type = IsUtf8(body) ? WebSocketMessageType.Text : WebSocketMessageType.Binary;
        if (!await connection.SendAsync(body, type, cancellationToken))
        {
            return false;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        return true;
    }

    private static async Task<bool> GetAsync(HttpContext http, LiveConnection connection, CancellationToken cancellationToken)
    {
        var info = new ConnectionDescription(
            Iso8601(connection.ConnectedAt),
            new ConnectionDescription.ClientIdentity(connection.SourceIp, connection.UserAgent),
            Iso8601(connection.LastActiveAt));
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json";
        await http.Response.Body.WriteAsync(JsonOutput.SerializeToUtf8Bytes(info, LocalJsonContext.Default.ConnectionDescription), cancellationToken);
        return true;
    }

    private async Task<bool> DeleteAsync(HttpContext http, LiveConnection connection)
    {
        await connection.CloseAsync(CloseCause.Deleted);
        registry.Remove(connection.ConnectionId);
        http.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }

    private static bool IsUtf8(byte[] body)
    {
        try
        {
            StrictUtf8.GetCharCount(body);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static string Iso8601(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
