using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.Runtime.Internal;
using Amazon.S3;

namespace SiteBuilder.Storage;

/// <summary>Builds AWS clients from <see cref="AwsEndpointOptions"/>: an emulator endpoint or the real region.</summary>
public static class AwsClients
{
    /// <param name="metrics">Counts throttled and retried requests when given.</param>
    public static IAmazonDynamoDB DynamoDb(DynamoDbStorageOptions options, StorageMetrics? metrics = null)
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, options);
        using var _ = MeteredPipeline.Constructing(metrics, "dynamodb");
        return Credentials(options) is { } credentials ? new MeteredDynamoDbClient(credentials, config) : new MeteredDynamoDbClient(config);
    }

    /// <param name="metrics">Counts throttled and retried requests when given.</param>
    public static IAmazonS3 S3(S3StorageOptions options, StorageMetrics? metrics = null)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        Configure(config, options);
        using var _ = MeteredPipeline.Constructing(metrics, "s3");
        return Credentials(options) is { } credentials ? new MeteredS3Client(credentials, config) : new MeteredS3Client(config);
    }

    private static void Configure(ClientConfig config, AwsEndpointOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.AuthenticationRegion = string.IsNullOrWhiteSpace(options.Region) ? "us-east-1" : options.Region;
        }
        else if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        config.Timeout = TimeSpan.FromSeconds(30);
        config.MaxErrorRetry = 3;
    }

    private static BasicAWSCredentials? Credentials(AwsEndpointOptions options) =>
        string.IsNullOrWhiteSpace(options.AccessKeyId) ? null : new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey);

    /// <summary>
    /// The SDK builds a client's pipeline inside the base constructor, before a derived class could keep a constructor
    /// argument, so the metrics to wire travel to <see cref="Customize"/> in a thread-static for the duration of the <c>new</c>.
    /// </summary>
    private static class MeteredPipeline
    {
        [ThreadStatic]
        private static (StorageMetrics Metrics, string Store)? t_pending;

        public static IDisposable Constructing(StorageMetrics? metrics, string store)
        {
            t_pending = metrics is null ? null : (metrics, store);
            return new Reset();
        }

        public static void Customize(RuntimePipeline pipeline)
        {
            if (t_pending is { } pending)
            {
                pipeline.AddHandlerBefore<ErrorHandler>(new StorageMetrics.PipelineRecorder(pending.Metrics, pending.Store));
            }
        }

        private sealed class Reset : IDisposable
        {
            public void Dispose() => t_pending = null;
        }
    }

    private sealed class MeteredDynamoDbClient : AmazonDynamoDBClient
    {
        public MeteredDynamoDbClient(AWSCredentials credentials, AmazonDynamoDBConfig config) : base(credentials, config)
        {
        }

        public MeteredDynamoDbClient(AmazonDynamoDBConfig config) : base(config)
        {
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            MeteredPipeline.Customize(pipeline);
        }
    }

    private sealed class MeteredS3Client : AmazonS3Client
    {
        public MeteredS3Client(AWSCredentials credentials, AmazonS3Config config) : base(credentials, config)
        {
        }

        public MeteredS3Client(AmazonS3Config config) : base(config)
        {
        }

        protected override void CustomizeRuntimePipeline(RuntimePipeline pipeline)
        {
            base.CustomizeRuntimePipeline(pipeline);
            MeteredPipeline.Customize(pipeline);
        }
    }
}
