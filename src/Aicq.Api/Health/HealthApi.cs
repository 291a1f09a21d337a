using Aicq.Api.Http;
using Aicq.ServiceDefaults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aicq.Api.Health;

internal static class HealthApi
{
    public static readonly string[] Dependencies = ["postgres", "redis"];

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", GetHealth).WithName("Health").WithTags("Service")
            .Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Overall and per-dependency health (200 healthy, 503 degraded)");
        return app;
    }

    private static async Task<IResult> GetHealth(HealthCheckService health, ServiceInfo service, TimeProvider clock, CancellationToken cancellationToken)
    {
        var report = await health.CheckHealthAsync(check => Dependencies.Contains(check.Name), cancellationToken);
        var checks = report.Entries.ToDictionary(
            e => e.Key,
            e => new DependencyStatus(
                e.Value.Status == HealthStatus.Healthy ? "pass" : "fail",
                WireTime.Duration(e.Value.Duration),
                e.Value.Status == HealthStatus.Healthy ? null : e.Value.Description));
        var healthy = report.Status == HealthStatus.Healthy;
        var body = new HealthResponse(healthy ? "healthy" : "degraded", service.Version, service.Region, service.Instance, checks,
            WireTime.Instant(clock.GetUtcNow()));
        return Results.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
