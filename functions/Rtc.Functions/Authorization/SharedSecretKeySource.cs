using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Rtc.Functions.Authorization;

/// <summary>One HS256 key from a shared secret, whatever <c>kid</c> a token names.</summary>
public sealed class SharedSecretKeySource(string secret) : ISigningKeySource
{
    private readonly IReadOnlyList<SecurityKey> keys = [new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret))];

    public IReadOnlyList<string> AllowedAlgorithms { get; } = [SecurityAlgorithms.HmacSha256];

    /// <inheritdoc />
    public Task<IReadOnlyList<SecurityKey>> GetSigningKeysAsync(string? keyId, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys);
}
