using Rtc.Benchmarks;
using Rtc.Benchmarks.ColdStart;

// Benchmarks, each a mode:
//   (no mode)  fan-out: the bounded-concurrency publisher against the original design's sequential loop (issue 3)
//   history    the publisher with history on against history off, one user x 1,000 connections and 1,000 users x 1
//   coldstart  the connections function packaged as aot and as managed: cold start, warm latency, memory, zip size
// Usage: dotnet run -c Release --project benchmarks/Rtc.Benchmarks -- [history|coldstart] [arguments of the mode]
return args switch
{
    [HistoryBenchmark.Mode, .. var rest] => await HistoryBenchmark.RunAsync(rest),
    [ColdStartBenchmark.Mode, .. var rest] => await ColdStartBenchmark.RunAsync(rest),
    _ => await FanOutBenchmark.RunAsync(args),
};
