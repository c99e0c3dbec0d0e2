using Rtc.Benchmarks.ColdStart;
using Rtc.Benchmarks.FanOut;

// Usage: dotnet run -c Release --project benchmarks/Rtc.Benchmarks -- [connections] [latencyMs] [concurrency] [runs]
//        dotnet run -c Release --project benchmarks/Rtc.Benchmarks -- coldstart [processes] [warmInvocations]
return args is [ColdStartBenchmark.Mode, .. var rest]
    ? await ColdStartBenchmark.RunAsync(rest)
    : await FanOutBenchmark.RunAsync(args);
