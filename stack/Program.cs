using System.Collections;
using Rtc.Stack;

var environment = new Dictionary<string, string?>(StringComparer.Ordinal);
foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
{
    environment[(string)entry.Key] = (string?)entry.Value;
}

return await StackProgram.RunAsync(args, environment, Directory.GetCurrentDirectory(), Console.Out, Console.Error);
