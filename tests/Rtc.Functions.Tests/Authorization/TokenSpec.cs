namespace Rtc.Functions.Tests.Authorization;

/// <summary>The claims of a test token, valid by default around <see cref="TestIssuer.Now"/>.</summary>
internal sealed record TokenSpec
{
    public string Issuer { get; init; } = TestIssuer.IssuerName;

    /// <summary>The <c>aud</c> claim; null for a token without one (a Cognito access token).</summary>
    public string? Audience { get; init; } = TestIssuer.AudienceName;

    public DateTimeOffset NotBefore { get; init; } = TestIssuer.Now.AddMinutes(-1);

    public DateTimeOffset Expires { get; init; } = TestIssuer.Now.AddMinutes(10);

    public IReadOnlyDictionary<string, object> Claims { get; init; } = new Dictionary<string, object> { ["sub"] = TestIssuer.UserId };
}
