namespace Aicq.Reliability.Tests.Faults.Support;

/// <summary>
/// One appliance for the whole fault suite (starting one per case would spend the CI budget on start-up): generous
/// limits, production's 90 s signature window and drain delay, three public rooms and three agents used by the steady traffic (so
/// the rooms and agents are cached by both instances, as in a running service). Every case starts by waiting until
/// it is healthy again, so cases cannot leak a fault into each other.
/// </summary>
public sealed class FaultAppliance : IAsyncLifetime
{
    public ReliabilityAppliance Appliance { get; private set; } = null!;
    public IReadOnlyList<AgentIdentity> Agents { get; private set; } = [];
    public IReadOnlyList<Guid> Rooms { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Appliance = await ReliabilityAppliance.StartAsync(
            ReliabilityAppliance.GenerousLimits,
            new Dictionary<string, string?>
            {
                ["SIGNATURE_WINDOW_SECONDS"] = "90",
                // Compose runs 5 s for an edge checking every 2 s; this edge checks every second, so 3 s gives the same margin.
                ["SHUTDOWN_DELAY_SECONDS"] = "3",
            });
        var agents = new List<AgentIdentity>();
        for (var i = 0; i < 3; i++) agents.Add(await Appliance.NewAgentAsync($"fault{i}"));
        using var api = Appliance.Apis[0].CreateClient();
        var rooms = new List<Guid>();
        for (var i = 0; i < 3; i++) rooms.Add((await new AicqClient(api, agents[i]).CreateRoomAsync($"faults{i}")).Id);
        (Agents, Rooms) = (agents, rooms);
    }

    public async Task DisposeAsync()
    {
        if (Appliance is not null) await Appliance.DisposeAsync();
    }

    /// <summary>The API's own database role's sessions, as <c>pg_terminate_backend</c> targets them.</summary>
    public string AdminConnectionString => Appliance.Postgres.ConnectionString("postgres") + ";Pooling=false";

    /// <summary>Opens a superuser session on the API's database (for locks and terminations).</summary>
    public async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(Appliance.Postgres.ConnectionString("aicq") + ";Pooling=false;Application Name=fault-suite");
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>
    /// Waits until both instances are ready, their health gauges pass, the edge has both in rotation and a request
    /// through the edge works; returns how long that took. Throws when the appliance does not get there in time.
    /// </summary>
    public async Task<TimeSpan> WaitHealthyAsync(TimeSpan timeout)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        using var edge = Appliance.Edge.Client();
        string last = "";
        while (watch.Elapsed < timeout)
        {
            last = await WhatIsUnhealthyAsync(http, edge);
            if (last.Length == 0) return watch.Elapsed;
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The appliance did not become healthy within {timeout.TotalSeconds:0} s: {last}");
    }

    private async Task<string> WhatIsUnhealthyAsync(HttpClient http, HttpClient edge)
    {
        try
        {
            foreach (var api in Appliance.Apis)
            {
                if (api.Process.HasExited) return $"{api.BaseUrl} exited";
                if ((await http.GetAsync($"{api.BaseUrl}/health/ready")).StatusCode != HttpStatusCode.OK) return $"{api.BaseUrl} not ready";
                var gauges = await HealthSignals.ApiGaugesAsync(http, api.MetricsUrl);
                if (gauges.Values.Any(v => v != 1)) return $"{api.BaseUrl} health gauge failing";
                if (await HealthSignals.EdgeUpstreamAsync(http, Appliance.Edge.InternalUrl, api.Port) != 1) return $"edge keeps {api.BaseUrl} out";
            }
            if ((await edge.GetAsync("channels")).StatusCode != HttpStatusCode.OK) return "edge /channels not 200";
            return "";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return e.Message;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultCollection : ICollectionFixture<FaultAppliance>
{
    public const string Name = "Faults";
}
