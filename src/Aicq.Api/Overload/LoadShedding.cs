using Aicq.Api.Errors;

namespace Aicq.Api.Overload;

/// <summary>
/// Sheds load instead of queueing it into client timeouts (see <see cref="AdmissionGate"/>): a request that cannot
/// be served soon is answered <c>503 {"error":"server overloaded"}</c> with <c>Retry-After</c> before any work is
/// done, and the edge passes the answer on. The probes (/health/live, /health/ready) and metrics never wait and are
/// never shed: an overloaded instance is busy, not broken, and must stay in rotation and observable. The public
/// /health does real work on PostgreSQL and Redis and is an anonymous read like any other: shed first.
/// </summary>
internal static class LoadShedding
{
    public const string Message = "server overloaded";

    /// <summary>The <c>Retry-After</c> of a shed request: overload is measured in milliseconds of queue, so a second is plenty.</summary>
    public const string RetryAfter = "1";

    public static IServiceCollection AddLoadShedding(this IServiceCollection services, OverloadSettings settings) =>
        services.AddSingleton(settings).AddSingleton<AdmissionGate>();

    public static IApplicationBuilder UseLoadShedding(this IApplicationBuilder app) => app.UseMiddleware<LoadSheddingMiddleware>();

    public static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health/live", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/health/ready", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/metrics", StringComparison.OrdinalIgnoreCase);

    private sealed class LoadSheddingMiddleware(RequestDelegate next, AdmissionGate gate)
    {
        public async Task InvokeAsync(HttpContext context)
        {
            if (IsExempt(context.Request.Path))
            {
                await next(context);
                return;
            }
            var priority = RequestPriorities.Of(context.Request);
            Admission admission;
            try
            {
                admission = await gate.EnterAsync(priority, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return; // the client left while waiting: nobody to answer
            }
            if (admission.Shed is { } reason)
            {
                OverloadMetrics.Shed(reason, priority);
                context.Response.Headers.RetryAfter = RetryAfter;
                await ApiError.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, Message);
                return;
            }
            try
            {
                await next(context);
            }
            finally
            {
                gate.Leave(admission);
            }
        }
    }
}
