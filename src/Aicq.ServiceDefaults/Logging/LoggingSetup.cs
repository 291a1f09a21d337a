using Aicq.ServiceDefaults.Settings;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.OpenTelemetry;

namespace Aicq.ServiceDefaults.Logging;

internal static class LoggingSetup
{
    public static void AddAicqLogging(this WebApplicationBuilder builder, ServiceInfo service, CommonSettings settings)
    {
        builder.Services.AddSerilog((_, configuration) =>
        {
            var level = Enum.Parse<LogEventLevel>(settings.LogLevel, ignoreCase: true);
            configuration
                .MinimumLevel.Is(level)
                // Framework chatter drowns the request lines we emit ourselves.
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                // A failed command surfaces as an exception we log ourselves, without the SQL.
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Fatal)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Query", LogEventLevel.Fatal)
                // Failing checks are exported as aicq_health_check_status and alerted on; a line per probe is noise.
                .MinimumLevel.Override("Microsoft.Extensions.Diagnostics.HealthChecks", LogEventLevel.Fatal)
                .Enrich.FromLogContext()
                .Enrich.With<LevelEnricher>()
                .Enrich.WithProperty("service", service.Name)
                .Enrich.WithProperty("version", service.Version)
                .Enrich.WithProperty("env", settings.Environment.ToString().ToLowerInvariant());
            if (service.Region is not null) configuration.Enrich.WithProperty("region", service.Region);
            if (service.Instance is not null) configuration.Enrich.WithProperty("instance", service.Instance);

            if (settings.LogFormat == LogFormat.Json)
                configuration.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                configuration.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {service} {Message:lj} {request_id}{NewLine}{Exception}");

            if (settings.OtlpLogsEndpoint is not null)
            {
                configuration.WriteTo.OpenTelemetry(options =>
                {
                    options.Endpoint = settings.OtlpLogsEndpoint;
                    options.Protocol = OtlpProtocol.HttpProtobuf;
                    options.ResourceAttributes = new Dictionary<string, object>
                    {
                        ["service.name"] = service.Name,
                        ["service.version"] = service.Version,
                        ["deployment.environment"] = settings.Environment.ToString().ToLowerInvariant(),
                    };
                });
            }
        });
    }
}

/// <summary>A lower-case <c>level</c> on every event: Loki's only label besides service and env.</summary>
internal sealed class LevelEnricher : Serilog.Core.ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory factory) =>
        logEvent.AddPropertyIfAbsent(factory.CreateProperty("level", logEvent.Level switch
        {
            LogEventLevel.Verbose => "trace",
            LogEventLevel.Debug => "debug",
            LogEventLevel.Information => "info",
            LogEventLevel.Warning => "warn",
            LogEventLevel.Error => "error",
            _ => "fatal",
        }));
}
