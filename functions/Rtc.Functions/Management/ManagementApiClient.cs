using System.Net;
using System.Runtime.InteropServices;
using Amazon.Runtime;
using Rtc.Functions.Runtime;

namespace Rtc.Functions.Management;

/// <summary>
/// API Gateway's management API (<c>@connections</c>) over HttpClient, signed with SigV4 for <c>execute-api</c>.
/// Every call returns a typed <see cref="ManagementResult"/>; only the caller's own cancellation throws.
/// </summary>
public sealed class ManagementApiClient : IManagementApi
{
    /// <summary>How long one call may take before it counts as failed (5 seconds unless given).</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient httpClient;
    private readonly ExecuteApiRequestSigner signer;
    private readonly AWSCredentials credentials;
    private readonly TimeProvider clock;
    private readonly TimeSpan requestTimeout;

    /// <summary>A client for the stage at <paramref name="baseUri"/>.</summary>
    /// <param name="httpClient">Sends the requests; the caller owns and disposes it.</param>
    /// <param name="baseUri">The stage's base URL: <c>https://{domain}/{stage}</c>, or a local gateway's <c>http://127.0.0.1:N/stage</c>.</param>
    /// <param name="region">The region in the signature's credential scope.</param>
    /// <param name="credentials">Where signing credentials come from (a session token is sent and signed).</param>
    /// <param name="clock">The clock signatures are dated by; the system clock unless given.</param>
    /// <param name="requestTimeout">Per-call timeout; <see cref="DefaultRequestTimeout"/> unless given.</param>
    public ManagementApiClient(
        HttpClient httpClient,
        Uri baseUri,
        string region,
        AWSCredentials credentials,
        TimeProvider? clock = null,
        TimeSpan? requestTimeout = null)
    {
        this.httpClient = httpClient;
        this.credentials = credentials;
        this.clock = clock ?? TimeProvider.System;
        this.requestTimeout = requestTimeout ?? DefaultRequestTimeout;
        signer = new ExecuteApiRequestSigner(baseUri, region);
    }

    /// <summary>
    /// A client configured from <c>RTC_MANAGEMENT_ENDPOINT</c> or <c>WEBSOCKET_DOMAIN</c>/<c>WEBSOCKET_STAGE</c>
    /// and <c>AWS_REGION</c>, with the SDK's default credential chain and its own long-lived HttpClient.
    /// </summary>
    public static IManagementApi FromEnvironment(IFunctionEnvironment environment)
    {
        var endpoint = ManagementEndpoint.FromEnvironment(environment);
        // One client for the life of the execution environment, so connections to API Gateway are reused.
        var httpClient = new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        return new ManagementApiClient(httpClient, endpoint.BaseUri, endpoint.Region, ExecuteApiRequestSigner.DefaultCredentials(endpoint.Region));
    }

    /// <summary>
    /// The handler a process-wide client should use: no cap on connections per server below the publisher's
    /// concurrency, and pooled connections recycled so DNS changes are seen.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        AutomaticDecompression = DecompressionMethods.None,
    };

    /// <inheritdoc />
    public async Task<ManagementResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        var body = MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
        return await SendAsync(identity => signer.CreatePost(connectionId, body, identity, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ManagementResult> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        return SendAsync(identity => signer.CreateDelete(connectionId, identity, clock.GetUtcNow().UtcDateTime), cancellationToken);
    }

    private async Task<ManagementResult> SendAsync(Func<ImmutableCredentials, HttpRequestMessage> create, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(requestTimeout);
        try
        {
            var identity = await credentials.GetCredentialsAsync();
            using var request = create(identity);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            return ManagementResult.FromResponse(response);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ManagementResult.TimedOut();
        }
        catch (HttpRequestException)
        {
            return ManagementResult.TransportFailed();
        }
    }
}
