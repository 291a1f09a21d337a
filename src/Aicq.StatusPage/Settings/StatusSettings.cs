using System.Net;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.StatusPage.Settings;

/// <summary>Every environment variable the status page reads (see the README's settings table).</summary>
public sealed record StatusSettings
{
    public const int MinTokenLength = 24;

    /// <summary>The name in logs, metrics and <c>--check-config</c>.</summary>
    public const string ServiceName = "aicq-status";

    public required CommonSettings Common { get; init; }
    public required IPAddress BindAddress { get; init; }
    public required int Port { get; init; }
    public required IPAddress InternalBindAddress { get; init; }
    public required int InternalPort { get; init; }
    public required string DatabaseConnectionString { get; init; }
    public required Uri PublicUrl { get; init; }
    public string? AdminToken { get; init; }
    public required string WebhookToken { get; init; }
    public required ProbeSettings Probes { get; init; }

    /// <summary>Maintenance windows silence their components' alerts in the Alertmanager at <see cref="ProbeSettings.AlertmanagerUrl"/>.</summary>
    public required bool MaintenanceSilences { get; init; }
    public required CanarySettings Canary { get; init; }
    public required HistorySettings History { get; init; }

    public static StatusSettings Read(SettingsReader reader)
    {
        var common = CommonSettings.Read(reader, ServiceName);
        var bind = reader.Address("STATUS_BIND_ADDRESS", "127.0.0.1");
        var port = reader.Int("STATUS_PORT", 8088, 1, 65535);
        // Probes, metrics, the webhook and the operator API: loopback unless the platform's own network needs them.
        var internalBind = reader.Address("STATUS_INTERNAL_BIND_ADDRESS", "127.0.0.1");
        var internalPort = reader.Int("STATUS_INTERNAL_PORT", 9094, 1, 65535);
        if (port == internalPort)
            reader.Fail("STATUS_INTERNAL_PORT", $"must differ from STATUS_PORT ({port}) so internal endpoints never reach the public port");
        var database = reader.Parse("STATUS_DATABASE_URL", null, raw => PostgresUrl.Parse(raw, "aicq-status", maxPoolSize: 10), PostgresUrl.Mask);
        var publicUrl = reader.Parse("STATUS_PUBLIC_URL", $"http://127.0.0.1:{port}", BaseUrls.One, u => u.ToString());
        var token = reader.OptionalString("STATUS_ADMIN_TOKEN", secret: true);
        if (token is not null && token.Length < MinTokenLength)
            reader.Fail("STATUS_ADMIN_TOKEN", $"must be at least {MinTokenLength} characters");
        if (token is null && common.Environment == DeploymentEnvironment.Production)
            reader.Fail("STATUS_ADMIN_TOKEN", "is required in production (the operator endpoints would otherwise be unusable)");
        // Alertmanager holds this one; it must not also open the operator endpoints.
        var webhookToken = SecretSetting.Read(reader, "STATUS_WEBHOOK_TOKEN", "STATUS_WEBHOOK_TOKEN_FILE", MinTokenLength, required: true);
        if (webhookToken is not null && webhookToken == token)
            reader.Fail("STATUS_WEBHOOK_TOKEN", "must differ from STATUS_ADMIN_TOKEN (Alertmanager would otherwise hold the operator token)");
        var probes = ProbeSettings.Read(reader);
        var silences = reader.Bool("STATUS_MAINTENANCE_SILENCES", probes.AlertmanagerUrl is not null);
        if (silences && probes.AlertmanagerUrl is null)
            reader.Fail("STATUS_MAINTENANCE_SILENCES", "needs STATUS_ALERTMANAGER_URL (the Alertmanager whose alerts maintenance windows silence)");
        return new StatusSettings
        {
            Common = common,
            BindAddress = bind,
            Port = port,
            InternalBindAddress = internalBind,
            InternalPort = internalPort,
            DatabaseConnectionString = database ?? "",
            PublicUrl = publicUrl ?? new Uri("http://127.0.0.1/"),
            AdminToken = token,
            WebhookToken = webhookToken ?? "",
            Probes = probes,
            MaintenanceSilences = silences,
            Canary = CanarySettings.Read(reader),
            History = HistorySettings.Read(reader, probes.Interval),
        };
    }
}
