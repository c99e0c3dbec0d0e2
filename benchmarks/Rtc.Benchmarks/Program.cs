using Rtc.Benchmarks;

// Publisher benchmarks, run against a loopback management API with injected latency:
//   (no mode)  fan-out: the bounded-concurrency publisher against the original design's sequential loop (issue 3)
//   history    the publisher with history on against history off, one user x 1,000 connections and 1,000 users x 1
// Usage: dotnet run -c Release --project benchmarks/Rtc.Benchmarks -- [history] [arguments of the mode]
return args is ["history", .. var rest]
    ? await HistoryBenchmark.RunAsync(rest)
    : await FanOutBenchmark.RunAsync(args);
