using System.Runtime.InteropServices;
using Rtc.Contracts;
using Rtc.Functions.Runtime;

// The executable-assembly handler form: Lambda's dotnet10 runtime runs `dotnet exec Rtc.Functions.dll` and this
// Main speaks the Runtime API itself, so no Amazon.Lambda.* package is needed.
StartupTrace.Mark(StartupTrace.Main);
var environment = new ProcessEnvironment();
if (environment.Get(EnvironmentVariables.RuntimeApi) is not { } runtimeApi)
{
    Console.Error.WriteLine($"{EnvironmentVariables.RuntimeApi} is not set: Rtc.Functions runs under AWS Lambda's Runtime API.");
    return 2;
}

using var shutdown = new CancellationTokenSource();
using var onSigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    shutdown.Cancel();
});
using var httpClient = RuntimeApiClient.CreateHttpClient(runtimeApi);
var services = FunctionServices.FromEnvironment(environment);
var loop = new LambdaRuntimeLoop(new RuntimeApiClient(httpClient), services.Logger, services.Clock, LambdaRuntimeLoop.SetProcessTraceId);
return await loop.RunAsync(() => HandlerCatalog.Create(environment.Get(EnvironmentVariables.Handler), services), shutdown.Token);
