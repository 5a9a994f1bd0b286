using System.Diagnostics.Metrics;
using Amazon.Runtime;
using Amazon.Runtime.Internal;

namespace SiteBuilder.Storage;

/// <summary>
/// Throttled and retried store requests, on the meter <c>SiteBuilder.Storage</c>, tagged with the store
/// (<c>db.system.name</c> dynamodb or s3) and the operation. The troubleshooting runbook's throttling alarm reads the first.
/// </summary>
public sealed class StorageMetrics
{
    public const string MeterName = "SiteBuilder.Storage";
    public const string ThrottlesInstrument = "sitebuilder.store.throttles";
    public const string RetriesInstrument = "sitebuilder.store.retries";

    /// <summary>The error codes DynamoDB and S3 answer when they throttle.</summary>
    private static readonly HashSet<string> ThrottlingCodes = new(StringComparer.Ordinal)
    {
        "ThrottlingException", "ProvisionedThroughputExceededException", "RequestLimitExceeded", "SlowDown", "TooManyRequestsException", "Throttling",
    };

    private readonly Counter<long> _throttles;
    private readonly Counter<long> _retries;

    public StorageMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _throttles = meter.CreateCounter<long>(ThrottlesInstrument, "{request}", "Store requests the service throttled, by store and operation.");
        _retries = meter.CreateCounter<long>(RetriesInstrument, "{request}", "Store requests the SDK sent again after a failure, by store and operation.");
    }

    public static bool IsThrottling(AmazonServiceException e) => e.ErrorCode is { } code && ThrottlingCodes.Contains(code);

    public void RecordThrottle(string store, string operation) => _throttles.Add(1, Tags(store, operation));

    public void RecordRetry(string store, string operation) => _retries.Add(1, Tags(store, operation));

    private static KeyValuePair<string, object?>[] Tags(string store, string operation) => [new("db.system.name", store), new("db.operation.name", operation)];

    /// <summary>
    /// Sits inside the SDK's retry handler, so it sees every attempt: a throttled answer counts a throttle, an attempt after the
    /// first counts a retry.
    /// </summary>
    internal sealed class PipelineRecorder(StorageMetrics metrics, string store) : PipelineHandler
    {
        public override void InvokeSync(IExecutionContext executionContext)
        {
            Before(executionContext);
            try
            {
                base.InvokeSync(executionContext);
            }
            catch (AmazonServiceException e) when (Observe(executionContext, e))
            {
                throw;
            }
        }

        public override async Task<T> InvokeAsync<T>(IExecutionContext executionContext)
        {
            Before(executionContext);
            try
            {
                return await base.InvokeAsync<T>(executionContext).ConfigureAwait(false);
            }
            catch (AmazonServiceException e) when (Observe(executionContext, e))
            {
                throw;
            }
        }

        private void Before(IExecutionContext context)
        {
            if (context.RequestContext.Retries > 0)
            {
                metrics.RecordRetry(store, OperationOf(context));
            }
        }

        // An exception filter that records and never catches: the stack stays as the SDK threw it.
        private bool Observe(IExecutionContext context, AmazonServiceException e)
        {
            if (IsThrottling(e))
            {
                metrics.RecordThrottle(store, OperationOf(context));
            }

            return false;
        }

        private static string OperationOf(IExecutionContext context) => context.RequestContext.RequestName is { } name && name.EndsWith("Request", StringComparison.Ordinal)
            ? name[..^"Request".Length]
            : context.RequestContext.RequestName ?? "unknown";
    }
}
