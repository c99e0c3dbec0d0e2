using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Rtc.Contracts;
using Rtc.Functions.History;
using Rtc.Functions.Management;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Benchmarks;

/// <summary>
/// History on against history off, in one run: the same publisher, stores and management stub, runs of the two
/// alternating so that load from elsewhere falls on both alike. Two shapes: one user with many connections (history
/// adds one append before a long fan-out) and many users with one connection each (an append per user).
/// </summary>
internal static class HistoryBenchmark
{
    /// <summary>The first argument that selects this benchmark.</summary>
    public const string Mode = "history";

    private const int WarmUps = 2;

    /// <summary>
    /// Arguments (all optional): runs managementLatencyMs dynamoDbLatencyMs concurrency users. Returns 1 if a message
    /// was lost: a connection that did not receive exactly one message in a run, a result that does not count every
    /// connection delivered and every user stored, or a stream whose last number is not one per publish.
    /// </summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var runs = Bench.Arg(args, 0, 7);
        var managementLatency = TimeSpan.FromMilliseconds(Bench.Arg(args, 1, 20));
        var dynamoDbLatency = TimeSpan.FromMilliseconds(Bench.Arg(args, 2, 5));
        var concurrency = Bench.Arg(args, 3, FunctionSettings.DefaultPublishConcurrency);
        var users = Bench.Arg(args, 4, 1000);

        await using var stub = await LatencyStub.StartAsync(managementLatency);
        using var httpClient = new HttpClient(ManagementApiClient.CreateHandler());
        var management = Bench.Management(httpClient, stub);
        Bench.Row($"runs={runs} managementLatency={managementLatency.TotalMilliseconds}ms dynamoDbLatency={dynamoDbLatency.TotalMilliseconds}ms concurrency={concurrency} cores={Environment.ProcessorCount}");
        Console.WriteLine("| shape | history off, median (best / worst) | history on, median (best / worst) | on / off | lost (off / on) |");
        Console.WriteLine("|---|---|---|---|---|");

        var lost = 0;
        foreach (var (shape, userCount, connectionsPerUser) in (IEnumerable<(string, int, int)>)
                 [($"one user, {users:N0} connections", 1, users), ($"{users:N0} users, one connection each", users, 1)])
        {
            var connections = new InMemoryConnectionStore();
            var userIds = Enumerable.Range(0, userCount).Select(user => $"bench-user-{user:D5}").ToList();
            var connectionIds = new List<string>();
            var connectedAt = DateTimeOffset.UtcNow;
            foreach (var userId in userIds)
            {
                for (var index = 0; index < connectionsPerUser; index++)
                {
                    var connectionId = $"{userId}-{index:D5}AbC=";
                    connectionIds.Add(connectionId);
                    await connections.AddAsync(new Connection(connectionId, userId, connectedAt, connectedAt.AddHours(2)));
                }
            }

            var history = new InMemoryHistoryStore(TimeSpan.FromDays(1));
            var store = new DynamoDbLatencyConnectionStore(connections, dynamoDbLatency);
            var options = new PublisherOptions { Concurrency = concurrency };
            var logger = new FunctionLogger(TextWriter.Null, TimeProvider.System);
            var off = new PublisherHandler(store, null, management, options, TimeProvider.System, Random.Shared, logger);
            var on = new PublisherHandler(store, new DynamoDbLatencyHistoryStore(history, dynamoDbLatency), management, options,
                TimeProvider.System, Random.Shared, logger);
            var publish = new JsonObject
            {
                ["userIds"] = new JsonArray([.. userIds.Select(userId => JsonValue.Create(userId))]),
                ["message"] = new JsonObject { ["type"] = "notification", ["text"] = "history benchmark" },
            }.ToJsonString();
            var context = new InvocationContext("bench", DateTimeOffset.UtcNow.AddMinutes(15));

            for (var warmUp = 0; warmUp < WarmUps; warmUp++)
            {
                await off.HandleAsync(publish, context);
                await on.HandleAsync(publish, context);
            }

            var times = new Dictionary<bool, List<double>> { [false] = [], [true] = [] };
            var lostOf = new Dictionary<bool, int> { [false] = 0, [true] = 0 };
            for (var run = 0; run < runs; run++)
            {
                // Alternate which goes first, so neither always follows the other's garbage.
                foreach (var withHistory in run % 2 == 0 ? [false, true] : (bool[])[true, false])
                {
                    stub.Reset();
                    var stopwatch = Stopwatch.StartNew();
                    using var result = JsonDocument.Parse(await (withHistory ? on : off).HandleAsync(publish, context));
                    times[withHistory].Add(stopwatch.Elapsed.TotalMilliseconds);
                    var counted = result.RootElement.GetProperty("delivered").GetInt32() == connectionIds.Count
                        && result.RootElement.GetProperty("stored").GetInt32() == (withHistory ? userCount : 0);
                    lostOf[withHistory] += Bench.Lost(stub, connectionIds) + (counted ? 0 : 1);
                }
            }

            // Every publish with history on took exactly the next number of every user's stream.
            foreach (var userId in userIds)
            {
                lostOf[true] += (await history.GetHeadAsync(userId))?.LatestSeq == WarmUps + runs ? 0 : 1;
            }

            var (offMedian, onMedian) = (Bench.Median([.. times[false].Order()]), Bench.Median([.. times[true].Order()]));
            Bench.Row($"| {shape} | {offMedian:F0} ms ({times[false].Min():F0} / {times[false].Max():F0}) | {onMedian:F0} ms ({times[true].Min():F0} / {times[true].Max():F0}) | {onMedian / offMedian:F2}x | {lostOf[false]} / {lostOf[true]} |");
            lost += lostOf[false] + lostOf[true];
        }

        return lost == 0 ? 0 : 1;
    }
}
