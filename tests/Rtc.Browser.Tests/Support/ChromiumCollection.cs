namespace Rtc.Browser.Tests.Support;

/// <summary>Every browser test class shares one Chromium, and they run one at a time (the machine has 2 cores).</summary>
[CollectionDefinition(Chromium.Collection)]
public sealed class ChromiumCollection : ICollectionFixture<Chromium>;
