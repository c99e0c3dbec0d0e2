using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Rtc.Functions.Storage;

namespace Rtc.Local.Hosting;

/// <summary>Creates the connection table with the stack's schema and TTL when it does not exist yet.</summary>
public static class ConnectionTableBootstrap
{
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Returns true when the table was created, false when it already existed.</summary>
    public static async Task<bool> EnsureAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken = default)
    {
        try
        {
            await client.DescribeTableAsync(tableName, cancellationToken);
            return false;
        }
        catch (ResourceNotFoundException)
        {
            // Missing: create it below.
        }

        try
        {
            await client.CreateTableAsync(ConnectionTableSchema.CreateTableRequest(tableName), cancellationToken);
        }
        catch (ResourceInUseException)
        {
            // Another process created it in the meantime.
            return false;
        }

        await WaitUntilActiveAsync(client, tableName, cancellationToken);
        await client.UpdateTimeToLiveAsync(ConnectionTableSchema.EnableTimeToLiveRequest(tableName), cancellationToken);
        return true;
    }

    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + ActiveTimeout;
        while ((await client.DescribeTableAsync(tableName, cancellationToken)).Table.TableStatus != TableStatus.ACTIVE)
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Table {tableName} was not ACTIVE within {ActiveTimeout}.");
            }

            // Real DynamoDB takes seconds to create a table; DynamoDB Local is ACTIVE at once.
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
