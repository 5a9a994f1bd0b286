using Amazon;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;

namespace SiteBuilder.Storage;

/// <summary>Builds AWS clients from <see cref="AwsEndpointOptions"/>: an emulator endpoint or the real region.</summary>
public static class AwsClients
{
    public static IAmazonDynamoDB DynamoDb(DynamoDbStorageOptions options)
    {
        var config = new AmazonDynamoDBConfig();
        Configure(config, options);
        return Credentials(options) is { } credentials ? new AmazonDynamoDBClient(credentials, config) : new AmazonDynamoDBClient(config);
    }

    public static IAmazonS3 S3(S3StorageOptions options)
    {
        var config = new AmazonS3Config { ForcePathStyle = options.ForcePathStyle };
        Configure(config, options);
        return Credentials(options) is { } credentials ? new AmazonS3Client(credentials, config) : new AmazonS3Client(config);
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
}
