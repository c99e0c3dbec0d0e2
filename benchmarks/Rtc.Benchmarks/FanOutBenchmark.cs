using System.Diagnostics;
using Rtc.Contracts;
using Rtc.Functions.Management;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

namespace Rtc.Benchmarks;

/// <summary>
/// Fan-out benchmark: one message to every connection of one user, through the real publisher and the real SigV4
/// management client, against a loopback management API with injected latency; then the original design's
/// sequential loop over the same connections in the same run.
/// </summary>
internal static class FanOutBenchmark
{
    private const string UserId = "bench-user";
    private const string Event = """{"userId":"bench-user","message":{"type":"notification","text":"benchmark fan-out"}}""";

    /// <summary>Arguments (all optional): connections latencyMs concurrency runs. Returns 1 if a message was lost.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var connections = Bench.Arg(args, 0, 1000);
        var latency = TimeSpan.FromMilliseconds(Bench.Arg(args, 1, 20));
        var concurrency = Bench.Arg(args, 2, FunctionSettings.DefaultPublishConcurrency);
        var runs = Bench.Arg(args, 3, 5);

        await using var stub = await LatencyStub.StartAsync(latency);
        using var httpClient = new HttpClient(ManagementApiClient.CreateHandler());
        var management = Bench.Management(httpClient, stub);
        var store = new InMemoryConnectionStore();
        var connectedAt = DateTimeOffset.UtcNow;
        var connectionIds = Enumerable.Range(0, connections).Select(index => $"bench{index:D6}AbCdEf=").ToList();
        foreach (var connectionId in connectionIds)
        {
            await store.AddAsync(new Connection(connectionId, UserId, connectedAt, connectedAt.AddHours(2)));
        }

        // History off: this measures the fan-out alone (HistoryBenchmark measures what history adds).
        var publisher = new PublisherHandler(store, null, management, new PublisherOptions { Concurrency = concurrency }, TimeProvider.System, Random.Shared,
            new FunctionLogger(TextWriter.Null, TimeProvider.System));
        var context = new InvocationContext("bench", DateTimeOffset.UtcNow.AddMinutes(15));

        // Warm-up: JIT, the connection pool and the stub's first requests are not what is measured.
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            await publisher.HandleAsync(Event, context);
        }

        stub.Reset();

        var concurrentTimes = new List<double>();
        var concurrentLost = 0;
        var maxInFlight = 0;
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        for (var run = 0; run < runs; run++)
        {
            var stopwatch = Stopwatch.StartNew();
            await publisher.HandleAsync(Event, context);
            concurrentTimes.Add(stopwatch.Elapsed.TotalMilliseconds);
            concurrentLost += Bench.Lost(stub, connectionIds);
            maxInFlight = Math.Max(maxInFlight, stub.MaxInFlight);
            stub.Reset();
        }

        process.Refresh();
        var cpuPerRun = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds / runs;
        var sequential = Stopwatch.StartNew();
        var message = "{\"type\":\"notification\",\"text\":\"benchmark fan-out\"}"u8.ToArray();
        foreach (var connectionId in await store.ListConnectionIdsAsync(UserId))
        {
            // The original design: one post at a time, in a plain loop.
            await management.PostToConnectionAsync(connectionId, message);
        }

        var sequentialMs = sequential.Elapsed.TotalMilliseconds;
        var sequentialLost = Bench.Lost(stub, connectionIds);

        concurrentTimes.Sort();
        var median = Bench.Median(concurrentTimes);
        var floor = connections * latency.TotalMilliseconds / concurrency;
        Bench.Row($"connections={connections} latency={latency.TotalMilliseconds}ms concurrency={concurrency} runs={runs} cores={Environment.ProcessorCount}");
        Console.WriteLine("| measure | value |");
        Console.WriteLine("|---|---|");
        Bench.Row($"| publisher (bounded concurrency), median of {runs} | {median:F0} ms |");
        Bench.Row($"| publisher, best / worst | {concurrentTimes[0]:F0} / {concurrentTimes[^1]:F0} ms |");
        Bench.Row($"| sequential loop (original design) | {sequentialMs:F0} ms |");
        Bench.Row($"| speed-up (sequential / publisher median) | {sequentialMs / median:F1}x |");
        Bench.Row($"| floor N x latency / concurrency | {floor:F1} ms |");
        Bench.Row($"| publisher median / floor | {median / floor:F2}x |");
        Bench.Row($"| CPU time per publisher run (client and stub, all threads) | {cpuPerRun:F0} ms |");
        Bench.Row($"| most posts in flight (measured at the stub) | {maxInFlight} |");
        Bench.Row($"| messages lost (publisher runs / sequential) | {concurrentLost} / {sequentialLost} |");
        return concurrentLost == 0 && sequentialLost == 0 ? 0 : 1;
    }
}
