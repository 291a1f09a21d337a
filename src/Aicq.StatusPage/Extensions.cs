using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Data;
using Aicq.ServiceDefaults.Http;
using Aicq.ServiceDefaults.Settings;
using Aicq.ServiceDefaults.Telemetry;
using Aicq.StatusPage.Canary;
using Aicq.StatusPage.Components;
using Aicq.StatusPage.Data;
using Aicq.StatusPage.History;
using Aicq.StatusPage.Http;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.Maintenance;
using Aicq.StatusPage.Operators;
using Aicq.StatusPage.Probing;
using Aicq.StatusPage.Public;
using Aicq.StatusPage.Settings;
using Aicq.StatusPage.State;
using Aicq.StatusPage.Statuspage;
using Aicq.StatusPage.Telemetry;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aicq.StatusPage;

internal static class Extensions
{
    public static void AddStatusPageServices(this WebApplicationBuilder builder, StatusSettings settings)
    {
        var services = builder.Services;
        services.AddSettings(settings, settings.Probes, settings.History);
        services.AddSingleton(SecurityHeaderSets.StatusPage);
        services.AddSingleton(InternalPort.Rules(settings.InternalPort));
        services.AddSingleton(StatusMetrics.Http);
        services.AddSingleton(TimeProvider.System);
        // The public port takes only GETs and the live connection; the largest body is an Alertmanager delivery.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 1024 * 1024);

        services.AddSingleton(NpgsqlDataSource.Create(settings.DatabaseConnectionString));
        services.AddPooledDbContextFactory<StatusDbContext>((provider, options) =>
            options.UseStatusNpgsql(provider.GetRequiredService<NpgsqlDataSource>()));
        services.AddDatabaseMigrations<StatusDbContext>(StatusDbContext.MigrationLockKey);
        services.AddSingleton<HistoryStore>();
        services.AddSingleton<CanaryEvidence>();
        services.AddHostedService<RollupJob>();
        services.AddSingleton<IncidentStore>();
        services.AddSingleton<GapIncidents>();
        services.AddSingleton<MaintenanceStore>();
        services.AddSingleton(new PublicText(InternalHostNames(settings)));

        services.AddSingleton(new MonitoredComponents(MonitoredKeys(settings)));
        services.AddSingleton(new Freshness(settings.Probes.Interval, settings.Probes.Timeout, settings.Canary.Interval,
            CanarySteps.All.Count * settings.Canary.StepTimeout));
        services.AddSingleton<StatusBoard>();
        services.AddHostedService<FreshnessWatch>();
        services.AddSingleton<IStatusSource>(provider => provider.GetRequiredService<StatusBoard>());

        var handler = TrustingHandler.Create(settings.Probes);
        services.AddSingleton(new HealthProbe(new HttpClient(handler, disposeHandler: false), settings.Probes.Timeout));
        services.AddSingleton(provider => new BlackboxEvidence(new HttpClient(handler, disposeHandler: false), settings.Probes.PrometheusUrl,
            settings.Probes.Timeout, settings.Probes.SlowResponse, settings.Probes.Interval, provider.GetRequiredService<ILogger<BlackboxEvidence>>()));
        services.AddSingleton<CheckRecorder>();
        services.AddHostedService<Prober>();
        services.AddSingleton(provider => new MaintenanceSilences(provider.GetRequiredService<MaintenanceStore>(),
            settings.MaintenanceSilences && settings.Probes.AlertmanagerUrl is { } alertmanager
                ? new AlertmanagerSilences(new HttpClient(handler, disposeHandler: false) { BaseAddress = alertmanager, Timeout = settings.Probes.Timeout })
                : null,
            settings.Probes.Interval, provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<MaintenanceSilences>>()));
        services.AddHostedService(provider => provider.GetRequiredService<MaintenanceSilences>());
        if (settings.Canary.Url is { } canaryUrl)
        {
            // Timeouts are per step (STATUS_CANARY_TIMEOUT_SECONDS), not per HttpClient.
            var canaryHttp = new HttpClient(new CanaryRequestIds { InnerHandler = handler }, disposeHandler: false)
            {
                BaseAddress = canaryUrl,
                Timeout = Timeout.InfiniteTimeSpan,
            };
            services.AddSingleton(provider => new CanaryAccount(canaryHttp, new CanaryState(settings.Canary.StateDirectory),
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<CanaryAccount>>()));
            services.AddSingleton(provider => new CanaryAgent(canaryHttp, provider.GetRequiredService<CanaryAccount>(), settings.Canary.StepTimeout,
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<CanaryAgent>>()));
            services.AddHostedService(provider => new CanaryService(
                provider.GetRequiredService<CanaryAgent>(), provider.GetRequiredService<CanaryEvidence>(), provider.GetRequiredService<StatusBoard>(),
                settings.Canary.Interval,
                provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<CanaryService>>()));
        }

        services.AddRazorComponents().AddInteractiveServerComponents();
    }

    /// <summary>The request pipeline; the order matters and is explained line by line.</summary>
    public static WebApplication UseStatusPagePipeline(this WebApplication app)
    {
        app.UseServiceDefaults();                                              // request id, then one log line per request
        app.UseMiddleware<HttpMetricsMiddleware>();                            // counts every answer, errors included
        app.UseMiddleware<SecurityHeadersMiddleware>();                        // CSP and friends on every answer, errors included
        app.UseStatusErrors();                                                 // exceptions and bare status codes get a body
        app.UseMiddleware<InternalPortGuard>();                                // /internal, /metrics, /health: 404 off the internal port
        app.UseAntiforgery();                                                  // required by Razor component endpoints
        return app;
    }

    public static WebApplication MapStatusPage(this WebApplication app, StatusSettings settings)
    {
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapPublicApi();
        app.MapStatuspageApi();
        app.MapAlertWebhook(settings.WebhookToken);
        app.MapOperatorApi(settings.AdminToken);
        return app;
    }

    private static HashSet<string> MonitoredKeys(StatusSettings settings)
    {
        var probes = settings.Probes;
        var keys = new HashSet<string>();
        if (probes.ApiUrls.Count > 0) keys.UnionWith([Catalog.Api, Catalog.Postgres, Catalog.Redis]);
        if (probes.EdgeUrl is not null) keys.Add(Catalog.Edge);
        if (settings.Canary.Url is not null) keys.Add(Catalog.Canary);
        if (probes.PrometheusUrl is not null) keys.Add(Catalog.Prometheus);
        if (probes.AlertmanagerUrl is not null) keys.Add(Catalog.Alertmanager);
        if (probes.GrafanaUrl is not null) keys.Add(Catalog.Grafana);
        if (probes.LokiUrl is not null) keys.Add(Catalog.Loki);
        return keys;
    }

    /// <summary>Every host this installation talks to, so alert text naming one is scrubbed before it is shown.</summary>
    private static IEnumerable<string> InternalHostNames(StatusSettings settings)
    {
        var probes = settings.Probes;
        var urls = probes.ApiUrls.Concat(new[] { probes.EdgeUrl, probes.PrometheusUrl, probes.AlertmanagerUrl, probes.GrafanaUrl, probes.LokiUrl, settings.Canary.Url }
            .OfType<Uri>());
        var database = new NpgsqlConnectionStringBuilder(settings.DatabaseConnectionString).Host;
        return urls.Select(u => u.Host).Append(database ?? "").Where(h => h.Length > 0).Distinct();
    }
}
