using Rtc.Benchmarks.FanOut;

// Usage: dotnet run -c Release --project benchmarks/Rtc.Benchmarks -- [connections] [latencyMs] [concurrency] [runs]
return await FanOutBenchmark.RunAsync(args);
