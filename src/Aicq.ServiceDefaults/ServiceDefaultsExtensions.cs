using Aicq.Protocol;
using Aicq.ServiceDefaults.Health;
using Aicq.ServiceDefaults.Http;
using Aicq.ServiceDefaults.Logging;
using Aicq.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Hosting;
using Aicq.ServiceDefaults.Settings;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Prometheus;
using System.Net;

namespace Aicq.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    public const string ReadyTag = "ready";

    /// <summary>Logging, health, metrics and graceful shutdown the same way in every AICQ service.</summary>
    public static ServiceInfo AddServiceDefaults(this WebApplicationBuilder builder, CommonSettings common)
    {
        var service = common.Service;
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(common);
        builder.AddAicqLogging(service, common);

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = common.ShutdownTimeout);
        builder.Services.AddSingleton<IHostedService>(new ShutdownDelayService(common.ShutdownDelay));
        builder.Services.AddHealthChecks().AddCheck<ShutdownHealthCheck>("shutdown", tags: [ReadyTag]);
        builder.Services.Configure<HealthCheckPublisherOptions>(o =>
        {
            o.Delay = TimeSpan.FromSeconds(2);
            o.Period = TimeSpan.FromSeconds(10);
        });
        builder.Services.AddSingleton<IHealthCheckPublisher, HealthMetricsPublisher>();
        BuildInfo.Publish(service);
        return service;
    }

    /// <summary>
    /// Listens on the public port and on a separate internal port (metrics, probes), each on its own address. On both,
    /// Kestrel's own refusals of malformed requests are answered in the protocol's shape with <paramref name="securityHeaders"/>.
    /// </summary>
    public static void ListenOn(this WebApplicationBuilder builder, IPAddress address, int port, IPAddress internalAddress, int internalPort,
        SecurityHeaderSet securityHeaders)
    {
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(address, port, listen => listen.UseJsonRefusals(securityHeaders));
            kestrel.Listen(internalAddress, internalPort, listen => listen.UseJsonRefusals(securityHeaders));
        });
    }

    /// <summary>Request id and request logging: first in the pipeline so every later line carries the id.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.UseMiddleware<RequestIdMiddleware>();
        app.UseMiddleware<RequestLoggingMiddleware>();
        return app;
    }

    /// <summary>
    /// /health/live never touches a dependency; /health/ready runs the checks tagged "ready" (and fails
    /// from the first moment of shutdown); /metrics exists only on the internal port.
    /// </summary>
    public static WebApplication MapServiceDefaults(this WebApplication app, int internalPort)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthReportWriter.WriteAsync,
        }).ExcludeFromDescription();
        app.MapGet("/metrics", context => ServeMetricsAsync(context, internalPort)).ExcludeFromDescription();
        return app;
    }

    // The port the connection arrived on decides, not the Host header: a client may send any Host it likes.
    private static async Task ServeMetricsAsync(HttpContext context, int internalPort)
    {
        if (context.Connection.LocalPort != internalPort)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new ErrorResponse("not found"), ProtocolJsonContext.Default.ErrorResponse);
            return;
        }
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await Prometheus.Metrics.DefaultRegistry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
    }
}
