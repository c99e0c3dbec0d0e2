using Rtc.Contracts;
using Rtc.Local.Configuration;

namespace Rtc.Local.Hosting;

/// <summary>What the gateway prints once it listens: where to connect, how to publish, and the credentials to paste.</summary>
internal static class StartupBanner
{
    public static void Write(TextWriter output, LocalGateway gateway)
    {
        var options = gateway.Options;
        var invoker = gateway.Services.GetRequiredService<FunctionInvoker>();
        var hosted = HandlerNames.All.Where(invoker.Hosts);
        var endpoint = gateway.BaseUri.GetLeftPart(UriPartial.Authority);
        var storage = options.DynamoDbEndpoint is { } dynamoDb ? $"DynamoDB at {dynamoDb}, table {options.TableName}" : "in memory";
        var history = !options.HistoryEnabled
            ? "off"
            : $"{options.HistorySeconds} s, " + (options.DynamoDbEndpoint is null ? "in memory" : $"table {options.HistoryTableName}");
        var connectExample = gateway.Auth is null
            ? $"npx wscat@6.1.0 -c '{gateway.WebSocketUri}?user_id=alice'"
            : $"curl -s '{endpoint}{LocalRoutes.Token}?user=alice'   # {{\"token\":\"...\"}}, then:\n  npx wscat@6.1.0 -c '{gateway.WebSocketUri}?token=<token>'";
        var arrival = options.HistoryEnabled
            ? """
              # arrives as {"type":"message","seq":1,"epoch":"...","data":{"text":"hello"}}; after a reconnect, send
                # {"action":"resume","epoch":"<epoch>","after":<last seq>} to get what was missed
              """
            : """# arrives as {"type":"message","data":{"text":"hello"}} (history is off: no seq, epoch or resume)""";
        output.WriteLine($$$"""
            RTC local gateway: stage '{{{options.Stage}}}', region {{{options.Region}}}, connections {{{storage}}}, history {{{history}}}, auth {{{AuthModes.NameOf(options.Auth)}}}
              WebSocket URL:        {{{gateway.WebSocketUri}}}
              Management endpoint:  {{{gateway.ManagementEndpoint}}}   (POST/GET/DELETE /{{{options.Stage}}}/@connections/{connectionId})
              Lambda endpoint:      {{{endpoint}}}   (functions: {{{string.Join(", ", hosted)}}})
              Demo page:            {{{endpoint}}}{{{LocalRoutes.Page}}}   (the browser client, live; clientConfig at {{{LocalRoutes.ClientConfig}}})
              Unsigned publish:     POST {{{endpoint}}}{{{LocalRoutes.Publish}}}   (local only: no signature, anyone on this machine can publish)

            Local credentials (paste into your shell):
            export AWS_ACCESS_KEY_ID={{{LocalCredentials.AccessKeyId}}}
            export AWS_SECRET_ACCESS_KEY={{{LocalCredentials.SecretAccessKey}}}
            export AWS_DEFAULT_REGION={{{options.Region}}}

            Try it:
              {{{connectExample}}}
              aws lambda invoke --endpoint-url {{{endpoint}}} --function-name publisher --cli-binary-format raw-in-base64-out \
                --payload '{"userId":"alice","message":{"text":"hello"}}' /dev/stdout
              {{{arrival}}}
              aws apigatewaymanagementapi post-to-connection --endpoint-url {{{gateway.ManagementEndpoint}}} \
                --cli-binary-format raw-in-base64-out --connection-id '<connectionId>' --data 'hello'

            Press Ctrl+C to stop.
            """);
        output.Flush();
    }
}
