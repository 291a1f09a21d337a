using System.Threading.RateLimiting;
using Aicq.Api.Errors;

namespace Aicq.Api.Overload;

/// <summary>
/// Sheds load instead of queueing it without bound: past <see cref="OverloadSettings.MaxConcurrentRequests"/>
/// running and <see cref="OverloadSettings.QueueLimit"/> waiting requests, the instance answers
/// <c>503 {"error":"server overloaded"}</c> with <c>Retry-After</c> straight away, so an overloaded appliance
/// answers fast (and the edge passes the answer on) rather than letting requests pile up until clients time out.
/// The probes (/health/live, /health/ready) and metrics are never shed: an overloaded instance is busy, not broken, and
/// must stay in rotation. The public /health is shed like any route.
/// </summary>
internal static class LoadShedding
{
    public const string Message = "server overloaded";

    /// <summary>The <c>Retry-After</c> of a shed request: overload is measured in milliseconds of queue, so a second is plenty.</summary>
    public const string RetryAfter = "1";

    public static IServiceCollection AddLoadShedding(this IServiceCollection services, OverloadSettings settings) =>
        services.AddRateLimiter(options =>
        {
            // Two fixed partitions, made once: choosing one is all a request pays.
            var exempt = RateLimitPartition.GetNoLimiter("exempt");
            var instance = RateLimitPartition.GetConcurrencyLimiter("instance", _ => new ConcurrencyLimiterOptions
            {
                PermitLimit = settings.MaxConcurrentRequests,
                QueueLimit = settings.QueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            });
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsExempt(context.Request.Path) ? exempt : instance);
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = RetryAfter;
                return new ValueTask(ApiError.WriteAsync(rejected.HttpContext, StatusCodes.Status503ServiceUnavailable, Message));
            };
        });

    // Only the probes and the scrape: the public /health does real work on PostgreSQL and Redis and is shed like any route.
    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health/live", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health/ready", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
