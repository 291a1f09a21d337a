namespace Aicq.Testing.Edge;

/// <summary>The published edge (its Native AOT binary) as a real process: its own HTTPS, HTTP and internal ports, configured by environment.</summary>
public sealed partial class EdgeProcess : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";

    private EdgeProcess(ServiceProcess process, TestCertificate tls, int httpsPort, int httpPort, int internalPort)
    {
        Process = process;
        Tls = tls;
        HttpsUrl = $"https://127.0.0.1:{httpsPort}";
        HttpUrl = $"http://127.0.0.1:{httpPort}";
        InternalUrl = $"http://127.0.0.1:{internalPort}";
        HttpsPort = httpsPort;
    }

    public ServiceProcess Process { get; }
    public TestCertificate Tls { get; }
    public string HttpsUrl { get; }
    public string HttpUrl { get; }
    public string InternalUrl { get; }
    public int HttpsPort { get; }

    /// <summary>Starts an edge in front of <paramref name="upstreams"/>; <paramref name="settings"/> adds or overrides variables.</summary>
    public static async Task<EdgeProcess> StartAsync(
        TestCertificate tls, IEnumerable<string> upstreams, string redisUrl, IReadOnlyDictionary<string, string?>? settings = null)
    {
        int https = FreePort.Next(), http = FreePort.Next(), internalPort = FreePort.Next();
        var environment = new Dictionary<string, string?>
        {
            ["EDGE_HTTPS_PORT"] = https.ToString(CultureInfo.InvariantCulture),
            ["EDGE_HTTP_PORT"] = http.ToString(CultureInfo.InvariantCulture),
            ["EDGE_INTERNAL_PORT"] = internalPort.ToString(CultureInfo.InvariantCulture),
            ["EDGE_UPSTREAMS"] = string.Join(",", upstreams),
            ["EDGE_HEALTH_INTERVAL_SECONDS"] = "1",
            ["REDIS_URL"] = redisUrl,
            ["TLS_CERT_PATH"] = tls.CertPath,
            ["TLS_KEY_PATH"] = tls.KeyPath,
            ["ADMIN_TOKEN"] = AdminToken,
            ["ENV"] = "test",
            ["LOG_FORMAT"] = "json",
            ["LOG_LEVEL"] = "information",
        };
        foreach (var (name, value) in settings ?? new Dictionary<string, string?>()) environment[name] = value;
        var edge = new EdgeProcess(ServiceProcess.Start(RepoPaths.EdgeBinary(), environment), tls, https, http, internalPort);
        try
        {
            await edge.Process.WaitForHttpAsync($"{edge.InternalUrl}/health/ready", TimeSpan.FromSeconds(60));
        }
        catch
        {
            await edge.DisposeAsync();
            throw;
        }
        return edge;
    }

    /// <summary>A client of the public HTTPS port, connecting from <paramref name="from"/> (127.0.0.1 when null).</summary>
    public HttpClient Client(IPAddress? from = null) => EdgeHttp.Client(HttpsUrl, Tls, from);

    public HttpClient Signed(AgentIdentity identity, IPAddress? from = null) => EdgeHttp.Signed(HttpsUrl, Tls, identity, from);

    /// <summary>A client of the internal port (metrics, probes, admin) carrying the admin token.</summary>
    public HttpClient Internal()
    {
        var client = new HttpClient { BaseAddress = new Uri(InternalUrl), Timeout = TestTimeouts.Request };
        client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        return client;
    }

    /// <summary>The current value of one series on the internal /metrics, or null when it is absent.</summary>
    public async Task<double?> MetricAsync(string name, params (string Label, string Value)[] labels)
    {
        using var client = Internal();
        var text = await client.GetStringAsync("/metrics");
        foreach (Match match in SeriesLine().Matches(text))
        {
            if (match.Groups["name"].Value != name) continue;
            var labelText = match.Groups["labels"].Value;
            if (labels.All(l => labelText.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
                return double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        }
        return null;
    }

    /// <summary>Polls a metric until it has <paramref name="expected"/>; returns whether it got there in time.</summary>
    public async Task<bool> MetricReachesAsync(double expected, TimeSpan timeout, string name, params (string Label, string Value)[] labels)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await MetricAsync(name, labels) == expected) return true;
            await Task.Delay(200);
        }
        return false;
    }

    public bool Logged(string text) => Process.Output.Any(line => line.Contains(text, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)$", RegexOptions.Multiline)]
    private static partial Regex SeriesLine();
}
