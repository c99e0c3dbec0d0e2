using System.Diagnostics;
using System.Globalization;
using Amazon.Runtime;
using Rtc.Benchmarks;
using Rtc.Functions.Logging;
using Rtc.Functions.Management;
using Rtc.Functions.Publishing;
using Rtc.Functions.Runtime;
using Rtc.Functions.Storage;

// Fan-out benchmark: one message to every connection of one user, through the real publisher and the real
// SigV4 management client, against a loopback management API with injected latency; then the original
// design's sequential loop over the same connections in the same run.
// Usage: dotnet run -c Release --project benchmarks/Rtc.Benchmarks -- [connections] [latencyMs] [concurrency] [runs]
var connections = ArgOrDefault(0, 1000);
var latency = TimeSpan.FromMilliseconds(ArgOrDefault(1, 20));
var concurrency = ArgOrDefault(2, PublisherOptions.DefaultConcurrency);
var runs = ArgOrDefault(3, 5);
const string UserId = "bench-user";
const string Event = """{"userId":"bench-user","message":{"type":"notification","text":"benchmark fan-out"}}""";

await using var stub = await LatencyStub.StartAsync(latency);
using var httpClient = new HttpClient(ManagementApiClient.CreateHandler());
var management = new ManagementApiClient(httpClient, stub.StageUri, "us-east-1", new SessionAWSCredentials("ASIABENCH", "bench-secret", "bench-token"));
var store = new InMemoryConnectionStore();
var connectedAt = DateTimeOffset.UtcNow;
var connectionIds = Enumerable.Range(0, connections).Select(index => $"bench{index:D6}AbCdEf=").ToList();
foreach (var connectionId in connectionIds)
{
    await store.AddAsync(new Connection(connectionId, UserId, connectedAt, connectedAt.AddHours(2)));
}

var publisher = new PublisherHandler(store, null, management, new PublisherOptions(concurrency), TimeProvider.System, Random.Shared, new FunctionLogger(TextWriter.Null, TimeProvider.System));
var context = new InvocationContext("bench", DateTimeOffset.UtcNow.AddMinutes(15));

// Warm-up: JIT tiering, the connection pool and the stub's first requests are not what is measured.
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
    concurrentLost += Lost(stub, connectionIds);
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
var sequentialLost = Lost(stub, connectionIds);

concurrentTimes.Sort();
var median = concurrentTimes[concurrentTimes.Count / 2];
var floor = connections * latency.TotalMilliseconds / concurrency;
var invariant = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(invariant, $"connections={connections} latency={latency.TotalMilliseconds}ms concurrency={concurrency} runs={runs} cores={Environment.ProcessorCount}"));
Console.WriteLine("| measure | value |");
Console.WriteLine("|---|---|");
Console.WriteLine(string.Create(invariant, $"| publisher (bounded concurrency), median of {runs} | {median:F0} ms |"));
Console.WriteLine(string.Create(invariant, $"| publisher, best / worst | {concurrentTimes[0]:F0} / {concurrentTimes[^1]:F0} ms |"));
Console.WriteLine(string.Create(invariant, $"| sequential loop (original design) | {sequentialMs:F0} ms |"));
Console.WriteLine(string.Create(invariant, $"| speed-up (sequential / publisher median) | {sequentialMs / median:F1}x |"));
Console.WriteLine(string.Create(invariant, $"| floor N x latency / concurrency | {floor:F1} ms |"));
Console.WriteLine(string.Create(invariant, $"| publisher median / floor | {median / floor:F2}x |"));
Console.WriteLine(string.Create(invariant, $"| CPU time per publisher run (client and stub, all threads) | {cpuPerRun:F0} ms |"));
Console.WriteLine(string.Create(invariant, $"| most posts in flight (measured at the stub) | {maxInFlight} |"));
Console.WriteLine(string.Create(invariant, $"| messages lost (publisher runs / sequential) | {concurrentLost} / {sequentialLost} |"));
return concurrentLost == 0 && sequentialLost == 0 ? 0 : 1;

// A connection that did not receive exactly one message counts as lost (or duplicated).
static int Lost(LatencyStub stub, IReadOnlyList<string> connectionIds) =>
    connectionIds.Count(connectionId => stub.Received.GetValueOrDefault(connectionId) != 1);

int ArgOrDefault(int index, int fallback) =>
    args.Length > index && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
