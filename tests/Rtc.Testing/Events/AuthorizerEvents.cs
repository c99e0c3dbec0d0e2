using System.Text.Json.Nodes;

namespace Rtc.Testing.Events;

/// <summary>REQUEST authorizer events as API Gateway sends them for a WebSocket <c>$connect</c>.</summary>
public static class AuthorizerEvents
{
    /// <summary>The <c>methodArn</c> of a <c>$connect</c> on stage <c>dev</c>.</summary>
    public const string ConnectArn = "arn:aws:execute-api:eu-west-1:123456789012:abcdef1234/dev/$connect";

    /// <summary>A <c>$connect</c> authorizer event with an optional <c>token</c> query parameter and <c>Sec-WebSocket-Protocol</c> header.</summary>
    public static string Connect(string? queryToken = null, string? protocolHeader = null, string methodArn = ConnectArn)
    {
        var headers = new JsonObject
        {
            ["Host"] = "abcdef1234.execute-api.eu-west-1.amazonaws.com",
            ["Sec-WebSocket-Extensions"] = "permessage-deflate; client_max_window_bits",
            ["Sec-WebSocket-Key"] = "dGhlIHNhbXBsZSBub25jZQ==",
            ["Sec-WebSocket-Version"] = "13",
            ["X-Amzn-Trace-Id"] = "Root=1-5fd6e4b3-0b0c3a5f7e4c1d2a3b4c5d6e",
            ["X-Forwarded-For"] = "203.0.113.7",
            ["X-Forwarded-Port"] = "443",
            ["X-Forwarded-Proto"] = "https",
        };
        if (protocolHeader is not null)
        {
            headers["Sec-WebSocket-Protocol"] = protocolHeader;
        }

        var multiValueHeaders = new JsonObject();
        foreach (var (name, value) in headers)
        {
            multiValueHeaders[name] = new JsonArray(value!.GetValue<string>());
        }

        var query = new JsonObject { ["lang"] = "en" };
        if (queryToken is not null)
        {
            query["token"] = queryToken;
        }

        var multiValueQuery = new JsonObject();
        foreach (var (name, value) in query)
        {
            multiValueQuery[name] = new JsonArray(value!.GetValue<string>());
        }

        return new JsonObject
        {
            ["type"] = "REQUEST",
            ["methodArn"] = methodArn,
            ["headers"] = headers,
            ["multiValueHeaders"] = multiValueHeaders,
            ["queryStringParameters"] = query,
            ["multiValueQueryStringParameters"] = multiValueQuery,
            ["stageVariables"] = new JsonObject(),
            ["requestContext"] = new JsonObject
            {
                ["routeKey"] = "$connect",
                ["eventType"] = "CONNECT",
                ["extendedRequestId"] = "XYZ123abcDEF=",
                ["requestTime"] = "15/Jan/2026:12:00:00 +0000",
                ["messageDirection"] = "IN",
                ["stage"] = "dev",
                ["connectedAt"] = 1768478400000,
                ["requestTimeEpoch"] = 1768478400000,
                ["identity"] = new JsonObject { ["sourceIp"] = "203.0.113.7", ["userAgent"] = null },
                ["requestId"] = "XYZ123abcDEF=",
                ["domainName"] = "abcdef1234.execute-api.eu-west-1.amazonaws.com",
                ["connectionId"] = "Xc7hRcXyDoECFtQ=",
                ["apiId"] = "abcdef1234",
                ["futureField"] = "API Gateway adds fields over time",
            },
        }.ToJsonString();
    }
}
