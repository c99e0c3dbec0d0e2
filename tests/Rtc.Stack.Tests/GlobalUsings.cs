global using System.Text.Json;
global using System.Text.Json.Nodes;
global using Rtc.Contracts;
global using Rtc.Stack.Configuration;
global using Rtc.Stack.Packaging;
global using Rtc.Stack.Tests.Support;
global using Rtc.Testing;
