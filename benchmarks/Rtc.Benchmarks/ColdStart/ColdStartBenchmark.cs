using System.Globalization;
using System.Runtime.InteropServices;
using Rtc.Contracts;
using Rtc.Functions.Storage;
using Rtc.Stack.Packaging;
using Rtc.Testing;

namespace Rtc.Benchmarks.ColdStart;

/// <summary>
/// The connections function's cold start, packaged as it ships (the stack's own <see cref="FunctionPackager"/>) both
/// ways, <c>aot</c> and <c>managed</c>, for this machine's architecture, and measured in the same run: fresh processes
/// started against a loopback Runtime API with a <c>$connect</c> waiting and DynamoDB Local behind them, the two
/// packagings taking turns so load from elsewhere falls on both alike.
/// </summary>
internal static class ColdStartBenchmark
{
    /// <summary>The first argument that selects this benchmark.</summary>
    public const string Mode = "coldstart";

    /// <summary>Issue 20: AOT's median cold start at most this, here.</summary>
    private static readonly TimeSpan AotColdStartTarget = TimeSpan.FromMilliseconds(20);

    /// <summary>Issue 20: AOT's median time from process start to its first <c>next</c> at the Runtime API at most this.</summary>
    private static readonly TimeSpan AotFirstNextTarget = TimeSpan.FromMilliseconds(8);

    /// <summary>Issue 20: AOT's warm invocations no slower (median) than when it was filed.</summary>
    private static readonly TimeSpan AotWarmTarget = TimeSpan.FromMilliseconds(2.2);

    /// <summary>Issue 20: AOT's resident memory (median VmRSS after the warm invocations) no higher than when it was filed, MiB.</summary>
    private const double AotResidentTargetMiB = 23.6;

    /// <summary>Issue 12: managed's median cold start at least this many times AOT's.</summary>
    private const double SpeedUpTarget = 5;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Packages, measures and prints the table; 1 when an invocation failed or the machine cannot run it.</summary>
    /// <param name="args">Optional, in order: processes per packaging (default 7), warm invocations per process (default 100).</param>
    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        var processes = Bench.Arg(args, 0, 7);
        var warmInvocations = Bench.Arg(args, 1, 100);
        if (!OperatingSystem.IsLinux())
        {
            await Console.Error.WriteLineAsync("coldstart: runs on Linux only (the AOT bootstrap is a Linux executable; memory is read from /proc).");
            return 1;
        }

        var folder = Path.Combine(Path.GetTempPath(), "rtc-coldstart-" + Guid.NewGuid().ToString("N"));
        try
        {
            return await PackageThenMeasureAsync(processes, warmInvocations, folder);
        }
        catch (InvalidOperationException exception)
        {
            await Console.Error.WriteLineAsync($"coldstart: {exception.Message}");
            return 1;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task<int> PackageThenMeasureAsync(int processes, int warmInvocations, string folder)
    {
        var root = RepositoryPaths.Root;
        var architecture = new[] { LambdaArchitecture.X86_64, LambdaArchitecture.Arm64 }.FirstOrDefault(candidate => candidate.Processor == RuntimeInformation.OSArchitecture)
            ?? throw new InvalidOperationException($"Lambda has no {RuntimeInformation.OSArchitecture} architecture to measure.");

        // What a deploy ships: the stack's packager, its publish arguments and its zips (reused when the sources did not change).
        var packager = new FunctionPackager(root, Console.Error, AotToolchain.Host);
        List<ExtractedPackage> packages = [];
        foreach (var packaging in (FunctionPackaging[])[FunctionPackaging.Aot, FunctionPackaging.Managed])
        {
            var package = await packager.PackageAsync(packaging, architecture.Name);
            packages.Add(ExtractedPackage.Extract(packaging, FunctionCode.For(packaging, architecture.Name), package, folder));
        }

        // The tests' DynamoDB Local: the same jar, in memory, on a free loopback port.
        var dynamo = new DynamoDbLocal();
        await dynamo.InitializeAsync();
        try
        {
            return await MeasureAsync(packages, architecture, processes, warmInvocations, dynamo);
        }
        finally
        {
            await dynamo.DisposeAsync();
        }
    }

    private static async Task<int> MeasureAsync(List<ExtractedPackage> packages, LambdaArchitecture architecture, int processes, int warmInvocations, DynamoDbLocal dynamo)
    {
        var table = await dynamo.CreateConnectionTableAsync();
        var environment = FunctionEnvironment(table, dynamo.Endpoint);

        var loadBefore = LoadAverage();
        var results = packages.ToDictionary(package => package, _ => new List<ProcessMeasurement>());
        // Round 0 is not counted: it brings DynamoDB Local's JIT, the page cache and this harness's own code up to speed.
        for (var round = 0; round <= processes; round++)
        {
            // The packagings take turns, and swap who goes first, so neither always follows the other.
            foreach (var package in round % 2 == 0 ? packages : packages.AsEnumerable().Reverse())
            {
                await Console.Error.WriteLineAsync($"coldstart: {(round == 0 ? "warm-up" : $"process {round} of {processes}")}, {package.Label}");
                var measurement = await FunctionRun.MeasureAsync(package, environment,
                    string.Create(Invariant, $"{FunctionCode.ConfigValue(package.Packaging)[0]}{round:D3}Cs"), UserOf(package), warmInvocations);
                results[package].Add(measurement);
            }
        }

        var loadAfter = LoadAverage();
        await VerifyStoredAsync(new DynamoDbConnectionStore(dynamo.Client, table), results);
        Print(results, architecture, processes, warmInvocations, loadBefore, loadAfter);
        return 0;
    }

    /// <summary>What Lambda sets for a function, and what the stack sets for the connections function, pointed at DynamoDB Local.</summary>
    private static Dictionary<string, string> FunctionEnvironment(string table, string dynamoEndpoint) => new(StringComparer.Ordinal)
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["TZ"] = ":UTC",
        ["LANG"] = "en_US.UTF-8",
        ["AWS_LAMBDA_FUNCTION_NAME"] = "rtc-bench-connections",
        [EnvironmentVariables.Region] = DynamoDbLocal.Region,
        ["AWS_DEFAULT_REGION"] = DynamoDbLocal.Region,
        ["AWS_ACCESS_KEY_ID"] = "local",
        ["AWS_SECRET_ACCESS_KEY"] = "local",
        ["AWS_SESSION_TOKEN"] = "local",
        [EnvironmentVariables.Handler] = "connections",
        [EnvironmentVariables.TableName] = table,
        [EnvironmentVariables.WebSocketDomain] = "bench0api.execute-api.us-east-1.amazonaws.com",
        [EnvironmentVariables.WebSocketStage] = "bench",
        [EnvironmentVariables.AuthMode] = AuthModes.None,
        // The SDK's own service-specific endpoint variable: the function's code is the one that ships.
        ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoEndpoint,
    };

    private static string UserOf(ExtractedPackage package) => "coldstart-" + FunctionCode.ConfigValue(package.Packaging);

    /// <summary>Each process's last <c>$connect</c> must have left its row, and only those rows remain: the answers were real work.</summary>
    private static async Task VerifyStoredAsync(DynamoDbConnectionStore store, Dictionary<ExtractedPackage, List<ProcessMeasurement>> results)
    {
        foreach (var (package, measurements) in results)
        {
            var expected = measurements.Select(measurement => measurement.OpenConnection).OfType<string>().Order(StringComparer.Ordinal);
            var stored = (await store.ListConnectionIdsAsync(UserOf(package))).Order(StringComparer.Ordinal);
            if (!stored.SequenceEqual(expected))
            {
                throw new InvalidOperationException($"{package.Label}: DynamoDB Local holds [{string.Join(", ", stored)}], expected [{string.Join(", ", expected)}].");
            }
        }
    }

    private static void Print(Dictionary<ExtractedPackage, List<ProcessMeasurement>> results, LambdaArchitecture architecture, int processes,
        int warmInvocations, string loadBefore, string loadAfter)
    {
        Console.WriteLine(string.Create(Invariant,
            $"architecture={architecture.Name} processes={processes} warmInvocations={warmInvocations} cores={Environment.ProcessorCount} cpu=\"{CpuModel()}\""));
        Console.WriteLine($"load average (1, 5, 15 min) before: {loadBefore}; after: {loadAfter}");
        // Round 0 was the warm-up.
        var measured = results.ToDictionary(result => result.Key, result => result.Value.Skip(1).ToList());

        Console.WriteLine();
        Console.WriteLine($"Cold start: process start to the first $connect answered, {processes} fresh processes each");
        Console.WriteLine("| packaging | median | min | max | CPU by then, all threads, median | run-queue wait by then, all threads, median |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var (package, runs) in measured)
        {
            var cold = Sorted(runs, run => run.ColdStart.TotalMilliseconds);
            Console.WriteLine(string.Create(Invariant,
                $"| {package.Label} | {Bench.Median(cold):F1} ms | {cold[0]:F1} ms | {cold[^1]:F1} ms " +
                $"| {Bench.Median(Sorted(runs, run => run.ColdScheduling.OnCpu.TotalMilliseconds)):F1} ms " +
                $"| {Bench.Median(Sorted(runs, run => run.ColdScheduling.WaitingForCpu.TotalMilliseconds)):F1} ms |"));
        }

        PrintPhases(measured);

        Console.WriteLine();
        Console.WriteLine($"Warm: {warmInvocations} further invocations per process ($disconnect and $connect in turn), event handed out to answer received; memory after them");
        Console.WriteLine("| packaging | zip | unzipped | warm invocation, median | warm, p90 | VmRSS, median | VmHWM, median |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var (package, runs) in measured)
        {
            var warm = runs.SelectMany(run => run.Warm).Select(time => time.TotalMilliseconds).Order().ToList();
            Console.WriteLine(string.Create(Invariant,
                $"| {package.Label} | {MiB(package.ZipBytes)} | {MiB(package.UnzippedBytes)} | {Bench.Median(warm):F2} ms | {Percentile(warm, 0.9):F2} ms " +
                $"| {MiB(1024 * Bench.Median(Sorted(runs, run => run.Memory.ResidentKiB)))} | {MiB(1024 * Bench.Median(Sorted(runs, run => run.Memory.PeakResidentKiB)))} |"));
        }

        Console.WriteLine();
        var aotRuns = measured.Single(result => result.Key.Packaging == FunctionPackaging.Aot).Value;
        var aot = Sorted(aotRuns, run => run.ColdStart.TotalMilliseconds);
        var managed = Sorted(measured.Single(result => result.Key.Packaging == FunctionPackaging.Managed).Value, run => run.ColdStart.TotalMilliseconds);
        var aotFirstNext = Sorted(aotRuns, run => run.Phases.Timeline.Single(mark => mark.Phase == StartupPhases.FirstNextArrived).At.TotalMilliseconds);
        var aotWarm = Bench.Median(aotRuns.SelectMany(run => run.Warm).Select(time => time.TotalMilliseconds).Order().ToList());
        var aotResident = Bench.Median(Sorted(aotRuns, run => run.Memory.ResidentKiB)) / 1024;
        var speedUp = Bench.Median(managed) / Bench.Median(aot);
        Console.WriteLine(string.Create(Invariant,
            $"target: AOT cold start at most {AotColdStartTarget.TotalMilliseconds} ms: {Verdict(Bench.Median(aot) <= AotColdStartTarget.TotalMilliseconds)} " +
            $"(median {Bench.Median(aot):F1} ms, min {aot[0]:F1} ms)"));
        Console.WriteLine(string.Create(Invariant,
            $"target: AOT ready for its first next within {AotFirstNextTarget.TotalMilliseconds} ms: {Verdict(Bench.Median(aotFirstNext) <= AotFirstNextTarget.TotalMilliseconds)} " +
            $"(median {Bench.Median(aotFirstNext):F1} ms, min {aotFirstNext[0]:F1} ms)"));
        Console.WriteLine(string.Create(Invariant,
            $"target: AOT warm invocation median at most {AotWarmTarget.TotalMilliseconds} ms: {Verdict(aotWarm <= AotWarmTarget.TotalMilliseconds)} ({aotWarm:F2} ms)"));
        Console.WriteLine(string.Create(Invariant,
            $"target: AOT VmRSS at most {AotResidentTargetMiB} MiB: {Verdict(aotResident <= AotResidentTargetMiB)} ({aotResident:F1} MiB)"));
        Console.WriteLine(string.Create(Invariant,
            $"target: AOT at least {SpeedUpTarget}x faster than managed ReadyToRun: {Verdict(speedUp >= SpeedUpTarget)} " +
            $"({speedUp:F1}x on medians, {managed[0] / aot[0]:F1}x on minimums)"));
    }

    /// <summary>
    /// Each phase's median time since the process was started, and the median CPU the process had used by then, for
    /// each packaging; then the first invocation's time in the handler against the second's: what start-up work
    /// remains, and what the first request still pays. On a busy machine the wall clock also counts waiting for a
    /// core; the CPU column does not.
    /// </summary>
    private static void PrintPhases(Dictionary<ExtractedPackage, List<ProcessMeasurement>> measured)
    {
        Console.WriteLine();
        Console.WriteLine("Phases: median time since the process was started / median CPU time of the process by then (RTC_STARTUP_TRACE=1; the Runtime API's clock for its own two)");
        var packages = measured.Keys.ToList();
        Console.WriteLine($"| phase | {string.Join(" | ", packages.Select(package => package.Label))} |");
        Console.WriteLine($"|---|{string.Concat(packages.Select(_ => "---|"))}");
        var phases = measured.Values.SelectMany(runs => runs).SelectMany(run => run.Phases.Timeline.Select(mark => mark.Phase)).Distinct().ToList();
        foreach (var phase in phases)
        {
            var cells = packages.Select(package =>
            {
                var marks = measured[package].Select(run => run.Phases.Timeline.FirstOrDefault(mark => mark.Phase == phase)).Where(mark => mark.Phase is not null).ToList();
                return Cell(marks.Select(mark => mark.At), marks.Select(mark => mark.Cpu));
            });
            Console.WriteLine($"| {phase} | {string.Join(" | ", cells)} |");
        }

        foreach (var (label, pick) in new (string, Func<StartupPhases, (TimeSpan Wall, TimeSpan Cpu)?>)[]
        {
            ("first invocation in the handler (event received to response)", run => run.FirstInHandler),
            ("second invocation in the handler", run => run.SecondInHandler),
        })
        {
            var cells = packages.Select(package =>
            {
                var times = measured[package].Select(run => pick(run.Phases)).OfType<(TimeSpan Wall, TimeSpan Cpu)>().ToList();
                return Cell(times.Select(time => time.Wall), times.Select(time => (TimeSpan?)time.Cpu));
            });
            Console.WriteLine($"| {label} | {string.Join(" | ", cells)} |");
        }
    }

    private static string Cell(IEnumerable<TimeSpan> walls, IEnumerable<TimeSpan?> cpus)
    {
        var wall = walls.Select(time => time.TotalMilliseconds).Order().ToList();
        var cpu = cpus.OfType<TimeSpan>().Select(time => time.TotalMilliseconds).Order().ToList();
        if (wall.Count == 0)
        {
            return "-";
        }

        return cpu.Count == 0
            ? string.Create(Invariant, $"{Bench.Median(wall):F1} ms")
            : string.Create(Invariant, $"{Bench.Median(wall):F1} ms / {Bench.Median(cpu):F1} ms");
    }

    private static List<double> Sorted(IEnumerable<ProcessMeasurement> runs, Func<ProcessMeasurement, double> value) => runs.Select(value).Order().ToList();

    private static string Verdict(bool met) => met ? "met" : "NOT met";

    private static string MiB(double bytes) => string.Create(Invariant, $"{bytes / (1024 * 1024):F1} MiB");

    // Nearest rank: the smallest value at or above the given share of the values.
    private static double Percentile(IReadOnlyList<double> sorted, double share) =>
        sorted[Math.Max(0, (int)Math.Ceiling(share * sorted.Count) - 1)];

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    private static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
}
