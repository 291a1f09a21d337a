namespace Aicq.StatusPage.Tests.Support;

/// <summary>
/// The real thing, once for all browser tests: PostgreSQL, a Redis of its own (tests stop it), the built API,
/// stand-ins for the monitoring services, the built status page (in the API's database, schema <c>status</c>) with
/// short test intervals and its canary going to the API, and a headless Chromium.
/// </summary>
public sealed class ApplianceFixture : IAsyncLifetime
{
    /// <summary>The page's check and canary interval in these tests; every "within one interval" wait allows a few.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private Dictionary<string, string?> _settings = [];

    public PostgresServer Postgres { get; private set; } = null!;
    public RedisServer Redis { get; private set; } = null!;
    public ApiProcess Api { get; private set; } = null!;
    public FakeMonitoring Monitoring { get; private set; } = null!;
    public StatusPageProcess Status { get; private set; } = null!;
    public IPlaywright Playwright { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string CanaryStateDirectory { get; } = TestState.NewDirectory("canary");

    /// <summary>The database the status page keeps its history and incidents in (the API's, schema <c>status</c>).</summary>
    public string DatabaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var postgres = SharedServers.PostgresAsync();
        var redis = RedisServer.StartAsync();
        var monitoring = FakeMonitoring.StartAsync();
        Postgres = await postgres;
        Redis = await redis;
        Monitoring = await monitoring;
        var database = DatabaseUrl = await Postgres.CreateDatabaseAsync();
        Api = await ApiProcess.StartAsync(database, Redis.Url);
        _settings = new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = database,
            ["STATUS_PUBLIC_URL"] = "https://status.aicq.test/",
            ["STATUS_ADMIN_TOKEN"] = StatusPageProcess.NewToken(),
            // Kept across restarts, as a deployment's secret is.
            ["STATUS_WEBHOOK_TOKEN"] = StatusPageProcess.NewToken(),
            ["STATUS_API_URLS"] = Api.BaseUrl,
            ["STATUS_CANARY_URL"] = Api.BaseUrl,
            ["STATUS_PROMETHEUS_URL"] = Monitoring.Url,
            ["STATUS_ALERTMANAGER_URL"] = Monitoring.Url,
            // A stand-in that answers health and status only; SilencingStack has the real Alertmanager for silences.
            ["STATUS_MAINTENANCE_SILENCES"] = "false",
            ["STATUS_GRAFANA_URL"] = Monitoring.Url,
            ["STATUS_CHECK_INTERVAL_SECONDS"] = ((int)Interval.TotalSeconds).ToString(),
            ["STATUS_CHECK_TIMEOUT_SECONDS"] = "1",
            ["STATUS_CANARY_INTERVAL_SECONDS"] = ((int)Interval.TotalSeconds).ToString(),
            ["STATUS_CANARY_TIMEOUT_SECONDS"] = "10",
            ["STATUS_CANARY_STATE_DIR"] = CanaryStateDirectory,
        };
        var status = StatusPageProcess.StartAsync(_settings);
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Chromium.LaunchAsync(Playwright);
        Status = await status;
        await WaitUntilOperationalAsync();
    }

    /// <summary>Every test starts from a warmed-up appliance whose page says "operational" and has history.</summary>
    private async Task WaitUntilOperationalAsync()
    {
        using var http = Status.PublicClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        var last = "";
        while (DateTime.UtcNow < deadline)
        {
            using var status = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/status"));
            var root = status.RootElement;
            if (root.GetProperty("status").GetString() == "operational" && root.GetProperty("history_available").GetBoolean()) return;
            last = root.GetProperty("reason").ToString();
            await Task.Delay(250);
        }
        throw new TimeoutException($"the status page did not report the appliance operational within 90 s (last reason: {last})");
    }

    /// <summary>
    /// Stops the status page and starts it again on the same ports, database and canary state; <paramref name="whileDown"/>
    /// runs in between, while nothing checks.
    /// </summary>
    public async Task RestartStatusPageAsync(Func<Task>? whileDown = null)
    {
        var ports = (Status.Port, Status.InternalPort);
        await Status.DisposeAsync();
        if (whileDown is not null) await whileDown();
        Status = await StatusPageProcess.StartAsync(_settings, ports);
    }

    /// <summary>A connection of its own (no pool) to the status page's database, for tests that seed or hold it.</summary>
    public async Task<Npgsql.NpgsqlConnection> OpenDatabaseAsync()
    {
        var (connectionString, error) = Aicq.ServiceDefaults.Settings.PostgresUrl.Parse(DatabaseUrl, "aicq-status-tests");
        Assert.Null(error);
        var connection = new Npgsql.NpgsqlConnection(connectionString + ";Pooling=false");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// A fresh page on the status page, with JavaScript unless told otherwise. The tests of the collection run one
    /// at a time, so the pages opened before are closed: their live connections would only add load.
    /// </summary>
    public async Task<IPage> OpenAsync(bool javaScript = true, ViewportSize? viewport = null)
    {
        foreach (var old in Browser.Contexts.ToList()) await old.CloseAsync();
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScript,
            ViewportSize = viewport ?? new ViewportSize { Width = 1100, Height = 900 },
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(Status.BaseUrl);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        Playwright?.Dispose();
        if (Status is not null) await Status.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
        if (Monitoring is not null) await Monitoring.DisposeAsync();
        if (Redis is not null) await Redis.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class ApplianceCollection : ICollectionFixture<ApplianceFixture>
{
    public const string Name = "appliance";
}
