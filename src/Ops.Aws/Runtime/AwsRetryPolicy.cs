namespace Ops.Aws.Runtime;

/// <summary>Retries with capped exponential backoff and full jitter, as the SDKs' "standard" retry mode: throttling
/// errors, HTTP 5xx and transient network failures are retried, everything else fails at once.</summary>
public sealed class AwsRetryPolicy
{
    /// <summary>Attempts in all, the first included (the SDK's default: 3).</summary>
    public int MaxAttempts { get; set; } = 3;
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Base delay after a throttling error (the SDKs wait longer after those).</summary>
    public TimeSpan ThrottlingBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(20);
    public Random Random { get; set; } = Random.Shared;
    /// <summary>How to wait (tests replace it to run without sleeping).</summary>
    public Func<TimeSpan, CancellationToken, Task> Delay { get; set; } = Task.Delay;

    public static readonly IReadOnlySet<string> ThrottlingCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    public static readonly IReadOnlySet<string> TransientCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable", "ServiceUnavailableException",
    };

    public static bool IsThrottling(AwsServiceException e) => e.ErrorCode != null && ThrottlingCodes.Contains(e.ErrorCode);

    public static bool IsRetryable(AwsServiceException e) =>
        IsThrottling(e) || (e.ErrorCode != null && TransientCodes.Contains(e.ErrorCode)) || (int)e.StatusCode is 500 or 502 or 503 or 504;

    /// <summary>The wait before attempt <paramref name="attempt"/>+1 (attempt counts from 1).</summary>
    public TimeSpan Backoff(int attempt, bool throttled)
    {
        var baseDelay = throttled ? ThrottlingBaseDelay : BaseDelay;
        var cap = Math.Min(MaxBackoff.TotalMilliseconds, baseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return TimeSpan.FromMilliseconds(Random.NextDouble() * cap);
    }

    /// <summary>No retries, no waiting.</summary>
    public static AwsRetryPolicy None => new() { MaxAttempts = 1 };
}
