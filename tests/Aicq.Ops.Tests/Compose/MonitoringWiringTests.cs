namespace Aicq.Ops.Tests.Compose;

/// <summary>
/// prometheus/, alertmanager/ and grafana/ address the stack by compose service name and port; a renamed service
/// or a moved port would silently leave a target down. Every address they use must be a service of the stack
/// and a port that service listens on.
/// </summary>
public sealed class MonitoringWiringTests
{
    [Fact]
    public async Task EveryPrometheusScrapeTarget_IsAComposeServiceAndAPortItListensOn()
    {
        var stack = await ComposeStack.LoadAsync();
        var prometheus = Yaml.Parse(Repo.Read("prometheus", "prometheus.yml"), "prometheus.yml");
        var targets = prometheus.Items("scrape_configs").OfType<YamlMappingNode>()
            .SelectMany(job => job.Items("static_configs").OfType<YamlMappingNode>()
                .SelectMany(c => c.Items("targets").OfType<YamlScalarNode>())
                .Select(t => (Job: job.Str("job_name"), Target: t.Value ?? "")))
            .ToList();
        // blackbox-edge's targets are URLs probed from blackbox-exporter; its relabelled address is the exporter.
        var blackbox = prometheus.Items("scrape_configs").OfType<YamlMappingNode>()
            .SelectMany(job => job.Items("relabel_configs").OfType<YamlMappingNode>())
            .Where(r => r.Str("target_label") == "__address__")
            .Select(r => (Job: (string?)"relabel", Target: r.Str("replacement") ?? ""));
        var alerting = prometheus.MapOrEmpty("alerting").Items("alertmanagers").OfType<YamlMappingNode>()
            .SelectMany(a => a.Items("static_configs").OfType<YamlMappingNode>())
            .SelectMany(c => c.Items("targets").OfType<YamlScalarNode>())
            .Select(t => (Job: (string?)"alerting", Target: t.Value ?? ""));

        var problems = targets.Concat(blackbox).Concat(alerting)
            .Select(t => (t.Job, t.Target, Problem: Check(stack, t.Target, self: "prometheus")))
            .Where(t => t.Problem is not null)
            .Select(t => $"{t.Job} {t.Target}: {t.Problem}")
            .ToList();
        Assert.NotEmpty(targets);
        Assert.Empty(problems);
    }

    [Fact]
    public async Task GrafanaDatasourcesAndAlertmanagerWebhooks_PointAtComposeServices()
    {
        var stack = await ComposeStack.LoadAsync();
        var datasources = Yaml.Parse(Repo.Read("grafana", "provisioning", "datasources", "aicq.yml"), "datasources")
            .Items("datasources").OfType<YamlMappingNode>().Select(d => d.Str("url") ?? "");
        var alertmanager = Yaml.Parse(Repo.Read("alertmanager", "alertmanager.yml"), "alertmanager.yml")
            .Items("receivers").OfType<YamlMappingNode>()
            .SelectMany(r => r.Items("webhook_configs").OfType<YamlMappingNode>())
            .Select(w => w.Str("url") ?? "")
            .Where(url => !new Uri(url).IsLoopback); // the on-call default is deliberately nothing (alertmanager/README.md)
        var problems = datasources.Concat(alertmanager)
            .Select(url => (url, Problem: Check(stack, url, self: null)))
            .Where(u => u.Problem is not null)
            .Select(u => $"{u.url}: {u.Problem}");
        Assert.Empty(problems);
    }

    [Fact]
    public async Task BlackboxProbe_TrustsTheCaTheEdgeCertificateIsIssuedUnder()
    {
        var stack = await ComposeStack.LoadAsync();
        var caFile = Yaml.Parse(Repo.Read("prometheus", "blackbox.yml"), "blackbox.yml")
            .MapOrEmpty("modules").MapOrEmpty("https_edge").MapOrEmpty("http").MapOrEmpty("tls_config").Str("ca_file");
        Assert.Equal("/etc/aicq/tls/ca.crt", caFile);
        var tlsVolume = Path.GetDirectoryName(caFile)!;
        Assert.Contains($"tls:{tlsVolume}:ro", Volumes(stack, "blackbox-exporter"));
        Assert.Contains($"tls:{tlsVolume}:ro", Volumes(stack, "edge"));
        Assert.Equal($"{tlsVolume}/server.crt", stack.Environment("edge")["TLS_CERT_PATH"]);
        var init = stack.Services["tls-init"].Items("command").OfType<YamlScalarNode>().Select(s => s.Value).ToList();
        Assert.Equal(["--make-dev-cert", tlsVolume, "--name", "edge", "--name", "localhost"], init);
    }

    private static IEnumerable<string?> Volumes(ComposeStack stack, string service) =>
        stack.Services[service].Items("volumes").OfType<YamlScalarNode>().Select(v => v.Value);

    /// <summary>Null when host:port (or a URL) is a compose service listening on that port, else what is wrong.</summary>
    private static string? Check(ComposeStack stack, string target, string? self)
    {
        var uri = new Uri(target.Contains("://", StringComparison.Ordinal) ? target : "tcp://" + target);
        var host = uri.Host == "localhost" && self is not null ? self : uri.Host;
        var port = uri.Port > 0 ? uri.Port : uri.Scheme == "https" ? 443 : 80;
        if (!stack.Services.ContainsKey(host)) return $"no compose service '{host}'";
        var ports = stack.ListeningPorts(host);
        return ports.Contains(port) ? null : $"service '{host}' listens on {string.Join(", ", ports.Order())}, not {port}";
    }
}
