using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using Aicq.ServiceDefaults.Settings;
using Prometheus;
using Serilog;
using Serilog.Configuration;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting;
using Serilog.Formatting.Compact;
using Serilog.Formatting.Display;
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
                // A proxy (YARP) logs two lines per forwarded request and a stack trace per failed forward or
                // health probe; the request line and the service's own named events say the same once.
                .MinimumLevel.Override("Yarp", LogEventLevel.Error)
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

            const string consoleTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {service} {Message:lj} {request_id}{NewLine}{Exception}";
            // Containers and Fly collect stdout; the local launcher gives each instance its own rotated file.
            if (settings.LogFile is not null)
            {
                ITextFormatter formatter = settings.LogFormat == LogFormat.Json
                    ? new RenderedCompactJsonFormatter()
                    : new MessageTemplateTextFormatter(consoleTemplate);
                configuration.WriteTo.Sink(new RotatingFileSink(settings.LogFile, formatter, settings.LogFileMaxBytes, settings.LogFileCount));
            }
            else if (settings.LogFormat == LogFormat.Json)
                configuration.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                configuration.WriteTo.Console(outputTemplate: consoleTemplate, formatProvider: CultureInfo.InvariantCulture);

            if (settings.OtlpLogsEndpoint is not null)
            {
                // Shipping is best effort (stdout or LOG_FILE keeps every line): Emit only offers the event to a bounded
                // queue, so a slow or dead Loki never delays a request or grows memory; a batch that still
                // fails after RetryTimeLimit is dropped, and every failure is counted.
                configuration.WriteTo.Sink(LoggerSinkConfiguration.Wrap(LogShippingFailureCounter.Attach, sinks => sinks.OpenTelemetry(options =>
                {
                    options.Endpoint = settings.OtlpLogsEndpoint;
                    options.Protocol = OtlpProtocol.HttpProtobuf;
                    options.ResourceAttributes = new Dictionary<string, object>
                    {
                        ["service.name"] = service.Name,
                        ["service.version"] = service.Version,
                        ["deployment.environment"] = settings.Environment.ToString().ToLowerInvariant(),
                    };
                    options.BatchingOptions.BatchSizeLimit = 1000;
                    options.BatchingOptions.BufferingTimeLimit = TimeSpan.FromSeconds(2);
                    options.BatchingOptions.QueueLimit = 10_000;
                    options.BatchingOptions.RetryTimeLimit = TimeSpan.FromSeconds(30);
                })));
            }
        });
    }
}

/// <summary>A lower-case <c>level</c> on every event: Loki's only label besides service and env.</summary>
internal sealed class LevelEnricher : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory factory) =>
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

/// <summary>
/// Counts log events the OTLP sink could not ship into aicq_log_shipping_failures_total{outcome}:
/// <c>retried</c> (a failed attempt; the batch is kept) or <c>dropped</c> (given up; only stdout has them).
/// Serilog 4.3 drops an event silently when the queue itself is full; a dead Loki shows up here well
/// before that, as failed and dropped batches.
/// </summary>
internal sealed class LogShippingFailureCounter : ILoggingFailureListener
{
    private static readonly Counter Failures = Prometheus.Metrics.CreateCounter(
        "aicq_log_shipping_failures_total", "Log events the OTLP sink failed to ship, by outcome (retried or dropped).", "outcome");

    private LogShippingFailureCounter()
    {
        // Both series exist from the start, so a rate() over them never starts from "no data".
        Failures.WithLabels("retried");
        Failures.WithLabels("dropped");
    }

    /// <summary>Makes the sink's batching queues report to a new counter; returns the sink unchanged.</summary>
    /// <remarks>
    /// Serilog.Sinks.OpenTelemetry 4.2 wraps its logs and traces BatchingSinks in a sink that does not
    /// implement ISetLoggingFailureListener, so WriteTo.Fallible never reaches them and their failures
    /// would only go to SelfLog. The batching sinks accept a listener themselves: it is handed to them.
    /// The sink is found by reflection over its fields; under trimming and Native AOT those fields exist only because
    /// the DynamicDependency keeps them. A sink of another type (a new package version) finds no listener target,
    /// and the start fails below, so a lost counter never passes silently.
    /// </remarks>
    [DynamicDependency(DynamicallyAccessedMemberTypes.PublicFields | DynamicallyAccessedMemberTypes.NonPublicFields,
        "Serilog.Sinks.OpenTelemetry.OpenTelemetrySink", "Serilog.Sinks.OpenTelemetry")]
    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The fields of the one sink type read here are kept by the DynamicDependency; any other type fails the start.")]
    public static ILogEventSink Attach(ILogEventSink sink)
    {
        var targets = sink.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(field => field.GetValue(sink))
            .Append(sink)
            .OfType<ISetLoggingFailureListener>()
            .ToArray();
        if (targets.Length == 0)
            throw new InvalidOperationException($"{sink.GetType()} accepts no failure listener: log shipping failures could not be counted.");
        var counter = new LogShippingFailureCounter();
        foreach (var target in targets) target.SetFailureListener(counter);
        return sink;
    }

    public void OnLoggingFailed(object sender, LoggingFailureKind kind, string message, IReadOnlyCollection<LogEvent>? events, Exception? exception) =>
        Failures.WithLabels(kind == LoggingFailureKind.Temporary ? "retried" : "dropped").Inc(Math.Max(events?.Count ?? 0, 1));
}
