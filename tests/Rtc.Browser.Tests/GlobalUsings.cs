global using System.Net;
global using System.Text.Json;
global using Microsoft.Playwright;
global using Rtc.Browser.Tests.Support;
global using Rtc.Testing;
global using Rtc.Testing.Gateway;
