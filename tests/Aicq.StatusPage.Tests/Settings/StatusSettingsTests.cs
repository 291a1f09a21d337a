using Microsoft.Extensions.Configuration;

namespace Aicq.StatusPage.Tests.Settings;

public sealed class StatusSettingsTests
{
    private const string Database = "postgres://aicq:secret@127.0.0.1:5432/aicq";
    private const string WebhookToken = "webhook-token-0123456789abcdef";

    /// <summary>Reads <paramref name="values"/>, with a valid STATUS_WEBHOOK_TOKEN unless they set it or its _FILE.</summary>
    private static (StatusSettings Settings, SettingsReader Reader) Read(params (string Name, string Value)[] values)
    {
        var all = values.Any(v => v.Name.StartsWith("STATUS_WEBHOOK_TOKEN", StringComparison.Ordinal)) ? values : [.. values, ("STATUS_WEBHOOK_TOKEN", WebhookToken)];
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(all.Select(v => new KeyValuePair<string, string?>(v.Name, v.Value)))
            .Build();
        var reader = new SettingsReader(configuration);
        return (StatusSettings.Read(reader), reader);
    }

    [Fact]
    public void Defaults_ListenOnLoopback8088And9094_AndMonitorNothing()
    {
        var (settings, reader) = Read(("STATUS_DATABASE_URL", Database));
        Assert.Empty(reader.Errors);
        Assert.Equal(("127.0.0.1", 8088, 9094), (settings.BindAddress.ToString(), settings.Port, settings.InternalPort));
        Assert.Equal("127.0.0.1", settings.InternalBindAddress.ToString());
        Assert.Empty(settings.Probes.ApiUrls);
        Assert.Null(settings.Canary.Url);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Probes.Interval);
        Assert.Equal(TimeSpan.FromSeconds(30), settings.Canary.Interval);
        Assert.Equal((TimeSpan.FromHours(48), TimeSpan.FromDays(14), TimeSpan.FromDays(400)),
            (settings.History.RawRetention, settings.History.RollupRetention, settings.History.DailyRetention));
        Assert.Equal(new Uri("http://127.0.0.1:8088/"), settings.PublicUrl);
    }

    [Fact]
    public void EveryBadSetting_IsReportedAtOnce()
    {
        var (_, reader) = Read(("ENV", "production"), ("STATUS_PORT", "9094"), ("STATUS_API_URLS", "http://127.0.0.1:5080,nonsense"),
            ("STATUS_CA_CERT_PATH", "/nonexistent/ca.pem"), ("STATUS_CHECK_INTERVAL_SECONDS", "10"), ("STATUS_CHECK_TIMEOUT_SECONDS", "10"));
        var errors = string.Join('\n', reader.Errors);
        foreach (var name in new[] { "STATUS_DATABASE_URL", "STATUS_ADMIN_TOKEN", "STATUS_INTERNAL_PORT", "STATUS_API_URLS", "STATUS_CA_CERT_PATH", "STATUS_CHECK_TIMEOUT_SECONDS" })
            Assert.Contains(name, errors);
    }

    [Fact]
    public void ShortAdminToken_IsRefused()
    {
        var (_, reader) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_ADMIN_TOKEN", "short"));
        Assert.Equal("STATUS_ADMIN_TOKEN must be at least 24 characters", Assert.Single(reader.Errors));
    }

    [Fact]
    public void Urls_GetATrailingSlash_SoPathsResolveBelowThem()
    {
        var (settings, reader) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_EDGE_URL", "https://127.0.0.1:8443"),
            ("STATUS_GRAFANA_URL", "http://127.0.0.1:3000/grafana"), ("STATUS_API_URLS", "http://127.0.0.1:5080, http://127.0.0.1:5081"));
        Assert.Empty(reader.Errors);
        Assert.Equal(new Uri("https://127.0.0.1:8443/health"), new Uri(settings.Probes.EdgeUrl!, "health"));
        Assert.Equal(new Uri("http://127.0.0.1:3000/grafana/api/health"), new Uri(settings.Probes.GrafanaUrl!, "api/health"));
        Assert.Equal(2, settings.Probes.ApiUrls.Count);
    }

    [Fact]
    public void InternalBindAddress_IsSeparateFromThePublicOne()
    {
        var (settings, reader) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_BIND_ADDRESS", "0.0.0.0"));
        Assert.Empty(reader.Errors);
        Assert.Equal(("0.0.0.0", "127.0.0.1"), (settings.BindAddress.ToString(), settings.InternalBindAddress.ToString()));
        var (other, _) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_INTERNAL_BIND_ADDRESS", "::"));
        Assert.Equal(("127.0.0.1", "::"), (other.BindAddress.ToString(), other.InternalBindAddress.ToString()));
        var (_, bad) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_INTERNAL_BIND_ADDRESS", "status.internal"));
        Assert.Contains("STATUS_INTERNAL_BIND_ADDRESS must be an IP address", Assert.Single(bad.Errors));
    }

    [Theory]
    [InlineData(null, "STATUS_WEBHOOK_TOKEN is required")]
    [InlineData("short", "STATUS_WEBHOOK_TOKEN must hold at least 24 characters")]
    [InlineData("operator-token-0123456789abcdef", "STATUS_WEBHOOK_TOKEN must differ from STATUS_ADMIN_TOKEN")]
    public void WebhookToken_MissingShortOrTheAdminToken_IsRefused(string? token, string expected)
    {
        (string, string)[] values = [("STATUS_DATABASE_URL", Database), ("STATUS_ADMIN_TOKEN", "operator-token-0123456789abcdef"), ("STATUS_WEBHOOK_TOKEN", token ?? " ")];
        var (_, reader) = Read(values);
        Assert.StartsWith(expected, Assert.Single(reader.Errors));
    }

    [Fact]
    public void WebhookToken_IsReadFromTheFileItsFileSettingNames()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, WebhookToken + "\n");
            var (settings, reader) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_WEBHOOK_TOKEN_FILE", file));
            Assert.Empty(reader.Errors);
            Assert.Equal(WebhookToken, settings.WebhookToken);
            Assert.DoesNotContain(reader.Effective, e => e.Value.Contains(WebhookToken));

            var (_, both) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_WEBHOOK_TOKEN_FILE", file), ("STATUS_WEBHOOK_TOKEN", WebhookToken));
            Assert.StartsWith("STATUS_WEBHOOK_TOKEN and STATUS_WEBHOOK_TOKEN_FILE are both set", Assert.Single(both.Errors));
        }
        finally
        {
            File.Delete(file);
        }
        var (_, missing) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_WEBHOOK_TOKEN_FILE", file));
        Assert.StartsWith("STATUS_WEBHOOK_TOKEN_FILE names a file that cannot be read", Assert.Single(missing.Errors));
    }

    [Fact]
    public void MaintenanceSilences_FollowTheAlertmanagerUrl_AndRefuseToRunWithoutOne()
    {
        Assert.False(Read(("STATUS_DATABASE_URL", Database)).Settings.MaintenanceSilences);
        Assert.True(Read(("STATUS_DATABASE_URL", Database), ("STATUS_ALERTMANAGER_URL", "http://127.0.0.1:9093")).Settings.MaintenanceSilences);
        Assert.False(Read(("STATUS_DATABASE_URL", Database), ("STATUS_ALERTMANAGER_URL", "http://127.0.0.1:9093"), ("STATUS_MAINTENANCE_SILENCES", "false"))
            .Settings.MaintenanceSilences);

        var (_, reader) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_MAINTENANCE_SILENCES", "true"));
        Assert.StartsWith("STATUS_MAINTENANCE_SILENCES needs STATUS_ALERTMANAGER_URL", Assert.Single(reader.Errors));
        var (_, wrong) = Read(("STATUS_DATABASE_URL", Database), ("STATUS_ALERTMANAGER_URL", "http://127.0.0.1:9093"), ("STATUS_MAINTENANCE_SILENCES", "sometimes"));
        Assert.StartsWith("STATUS_MAINTENANCE_SILENCES must be true or false", Assert.Single(wrong.Errors));
    }
}
