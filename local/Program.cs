using Rtc.Local.Configuration;
using Rtc.Local.Hosting;

if (args.Contains("--help"))
{
    Console.WriteLine(GatewayOptionsParser.Usage);
    return 0;
}

GatewayOptions options;
try
{
    options = GatewayOptionsParser.Parse(args);
}
catch (InvalidOptionException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    Console.Error.WriteLine("Run with --help for the accepted options.");
    return 2;
}

try
{
    await using var gateway = await LocalGateway.StartAsync(options);
    StartupBanner.Write(Console.Out, gateway);
    await gateway.WaitForShutdownAsync();
    return 0;
}
catch (GatewayStartupException exception)
{
    // Something the user can fix: one line saying what, no stack trace.
    Console.Error.WriteLine($"error: {exception.Message}");
    return 1;
}
