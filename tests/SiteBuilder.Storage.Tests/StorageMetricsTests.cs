using Amazon.DynamoDBv2.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using SiteBuilder.TestSupport.FakeBedrock;

namespace SiteBuilder.Storage.Tests;

public sealed class StorageMetricsTests
{
    [Fact]
    public async Task AThrottledDynamoDbRequestThatSucceedsOnRetryCountsOneThrottleAndOneRetry()
    {
        var attempts = 0;
        await using var fake = await LoopbackWebApp.StartAsync(async context =>
        {
            context.Response.ContentType = "application/x-amz-json-1.0";
            if (Interlocked.Increment(ref attempts) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync("""{"__type":"com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException","message":"Rate exceeded"}""");
                return;
            }

            await context.Response.WriteAsync("{}");
        }, TestContext.Current.CancellationToken);

        using var services = new ServiceCollection().AddMetrics().AddSingleton<StorageMetrics>().BuildServiceProvider();
        var metrics = services.GetRequiredService<StorageMetrics>();
        using var throttles = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), StorageMetrics.MeterName, StorageMetrics.ThrottlesInstrument);
        using var retries = new MetricCollector<long>(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), StorageMetrics.MeterName, StorageMetrics.RetriesInstrument);
        using var client = AwsClients.DynamoDb(new DynamoDbStorageOptions { ServiceUrl = fake.BaseUrl.ToString(), Region = "us-east-1", AccessKeyId = "k", SecretAccessKey = "s" }, metrics);

        await client.GetItemAsync(new GetItemRequest { TableName = "t", Key = new() { ["pk"] = new AttributeValue("a"), ["sk"] = new AttributeValue("b") } }, TestContext.Current.CancellationToken);

        var throttle = Assert.Single(throttles.GetMeasurementSnapshot());
        Assert.Equal("dynamodb", throttle.Tags["db.system.name"]);
        Assert.Equal("GetItem", throttle.Tags["db.operation.name"]);
        Assert.Equal(1, Assert.Single(retries.GetMeasurementSnapshot()).Value);
        Assert.Equal(2, attempts);
    }
}
