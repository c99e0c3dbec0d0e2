using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using Amazon.Runtime;
using Rtc.Functions.Configuration;

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
        BaseUri = baseUri;
        signer = new ExecuteApiRequestSigner(baseUri, region);
    }

    /// <summary>The stage's base URL this client posts under.</summary>
    public Uri BaseUri { get; }

    /// <summary>
    /// A client configured from <c>RTC_MANAGEMENT_ENDPOINT</c> or <c>WEBSOCKET_DOMAIN</c>/<c>WEBSOCKET_STAGE</c>
    /// and <c>AWS_REGION</c>, with the SDK's default credential chain and its own long-lived HttpClient.
    /// </summary>
    public static IManagementApi FromEnvironment(IFunctionEnvironment environment)
    {
        var endpoint = ManagementEndpoint.FromEnvironment(environment);
        // One client for the life of the execution environment, so connections to API Gateway are reused.
        var httpClient = new HttpClient(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan };
        return new ManagementApiClient(httpClient, endpoint.BaseUri, endpoint.Region, new DefaultChainCredentials(new SigningClientConfig(endpoint.Region)));
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
        var body = MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
        var (result, _) = await SendAsync(HttpMethod.Post, connectionId, body, readDetails: false, cancellationToken);
        return result;
    }

    /// <inheritdoc />
    public Task<(ManagementResult Result, ConnectionDetails? Details)> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Get, connectionId, null, readDetails: true, cancellationToken);

    /// <inheritdoc />
    public async Task<ManagementResult> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default)
    {
        var (result, _) = await SendAsync(HttpMethod.Delete, connectionId, null, readDetails: false, cancellationToken);
        return result;
    }

    private async Task<(ManagementResult Result, ConnectionDetails? Details)> SendAsync(
        HttpMethod method, string connectionId, byte[]? body, bool readDetails, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        linked.CancelAfter(requestTimeout);
        try
        {
            var identity = await credentials.GetCredentialsAsync();
            using var request = signer.Create(method, connectionId, body, identity, clock.GetUtcNow().UtcDateTime);
            using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var result = ManagementResults.FromResponse(response);
            if (!readDetails || result.Outcome != ManagementOutcome.Delivered)
            {
                return (result, null);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(linked.Token);
            var details = await JsonSerializer.DeserializeAsync(stream, ManagementJsonContext.Default.GetConnectionResponse, linked.Token);
            return (result, details?.ToConnectionDetails());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (ManagementResults.TimedOut(), null);
        }
        catch (HttpRequestException)
        {
            return (ManagementResults.TransportFailed(), null);
        }
        catch (JsonException)
        {
            return (ManagementResults.UnreadableBody(), null);
        }
    }
}
