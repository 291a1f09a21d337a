using System.Threading.RateLimiting;
using Aicq.Api.Errors;

namespace Aicq.Api.Overload;

/// <summary>
/// Sheds load instead of queueing it without bound: past <see cref="OverloadSettings.MaxConcurrentRequests"/>
/// running and <see cref="OverloadSettings.QueueLimit"/> waiting requests, the instance answers
/// <c>503 {"error":"server overloaded"}</c> with <c>Retry-After</c> straight away, so an overloaded appliance
/// answers fast (and the edge passes the answer on) rather than letting requests pile up until clients time out.
/// Health probes and metrics are never shed: an overloaded instance is busy, not broken, and must stay in rotation.
/// </summary>
internal static class LoadShedding
{
    public const string Message = "server overloaded";

    /// <summary>Seconds a shed client should wait: overload is measured in milliseconds of queue, so one is plenty.</summary>
    public const int RetryAfterSeconds = 1;

    public static IServiceCollection AddLoadShedding(this IServiceCollection services, OverloadSettings settings) =>
        services.AddRateLimiter(options =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => IsExempt(context.Request.Path)
                ? RateLimitPartition.GetNoLimiter("exempt")
                : RateLimitPartition.GetConcurrencyLimiter("instance", _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = settings.MaxConcurrentRequests,
                    QueueLimit = settings.QueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
            options.RejectionStatusCode = StatusCodes.Status503ServiceUnavailable;
            options.OnRejected = (rejected, _) =>
            {
                rejected.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ValueTask(ApiError.WriteAsync(rejected.HttpContext, StatusCodes.Status503ServiceUnavailable, Message));
            };
        });

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);
}
