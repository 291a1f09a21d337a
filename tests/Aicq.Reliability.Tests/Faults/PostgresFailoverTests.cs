using System.Net.Http.Json;

namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// The PostgreSQL primary crashes (<c>-m immediate</c>) and its streaming standby is promoted, under the steady mix
/// through the edge and a stream of registrations (the writes that live in PostgreSQL) straight at an instance. The
/// API's <c>DATABASE_URL</c> names both servers, so it follows by itself. With <c>synchronous_standby_names = '*'</c>
/// a registration is acknowledged only once the standby has it, so none may be lost; without, the case counts what
/// asynchronous replication lost. The cost of waiting for the standby is the registrations' p50 before the fault.
/// </summary>
public sealed class PostgresFailoverTests
{
    private const string Expected =
        "no 500 and no hang; registrations 201, or 503 (under 8 s) while no primary is up; registrations work again within 10 s of the " +
        "promotion, no restart; reads, searches and signed writes (Redis) 2xx throughout; every acknowledged message readable; " +
        "synchronous: every acknowledged registration on the new primary (asynchronous: losses counted, not bounded)";

    private static readonly IReadOnlySet<string> Registrations = new HashSet<string> { "register" };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PrimaryCrashedAndStandbyPromoted(bool synchronous)
    {
        await using var appliance = await ReliabilityAppliance.StartAsync(ReliabilityAppliance.GenerousLimits,
            new Dictionary<string, string?> { ["SIGNATURE_WINDOW_SECONDS"] = "90" }, withStandby: true);
        var standby = appliance.Standby!;
        var setting = synchronous ? "'*'" : "''";
        await appliance.Postgres.ScalarAsync<object>($"ALTER SYSTEM SET synchronous_standby_names = {setting}");
        await appliance.Postgres.ScalarAsync<bool>("SELECT pg_reload_conf()");
        await standby.WaitForReplayOfAsync(appliance.Postgres, TimeSpan.FromSeconds(60));

        var agents = new List<AgentIdentity>();
        for (var i = 0; i < 3; i++) agents.Add(await appliance.NewAgentAsync($"failover{i}"));
        using var api = appliance.Apis[0].CreateClient();
        var rooms = new List<Guid>();
        for (var i = 0; i < 3; i++) rooms.Add((await new AicqClient(api, agents[i]).CreateRoomAsync($"failover{i}")).Id);
        var cost = await RegistrationP50Async(api, 30);
        // As in a running service, both instances know the agents and rooms of the steady mix (they never change, so
        // they are cached): the mix then needs PostgreSQL only for room counts, which wait in memory during the fault.
        foreach (var instance in appliance.Apis)
        {
            using var http = instance.CreateClient();
            foreach (var agent in agents) (await http.GetAsync($"/who/{agent.AgentId}")).EnsureSuccessStatusCode();
            foreach (var room in rooms) (await http.GetAsync($"/room/{room}")).EnsureSuccessStatusCode();
        }

        await using var traffic = SteadyTraffic.Start(appliance.Edge.HttpsUrl, appliance.Tls.Ca, TrafficMix.Steady, rooms, agents, rate: 40, connections: 64);
        var registering = new RegistrationStream(appliance.Apis[1].CreateClient(), () => traffic.Log.Now);
        await Task.Delay(SuiteForm.Seconds(5, 2));
        var crashed = traffic.Log.Now;
        await appliance.Postgres.StopAsync(immediate: true);
        await standby.PromoteAsync();
        var promoted = traffic.Log.Now;
        await Poll.UntilAsync(() => Outcomes.SteadySince(registering.Outcomes, Registrations, promoted, traffic.Log.Now, TimeSpan.FromSeconds(1.5)),
            TimeSpan.FromSeconds(30));
        await registering.StopAsync();
        await traffic.StopAsync();
        var missing = await WrittenMessages.MissingAsync(api, traffic.Log.Writes);
        var acknowledged = registering.Acknowledged;
        var lost = acknowledged.Count - await CountAgentsAsync(standby, acknowledged);

        var outcomes = traffic.Log.Records.Select(Outcome.From).Concat(registering.Outcomes).ToList();
        var verdict = new Verdict();
        verdict.Check(true, $"synchronous_standby_names = {setting}; registration p50 {Outcomes.Ms(cost)} before the fault; " +
            $"stop and promotion took {Outcomes.Seconds(promoted - crashed)}");
        // A statement in flight when the primary dies can wait out the 5 s command timeout, then a 2 s connect (PostgresUrl).
        verdict.Common(outcomes, TimeSpan.FromSeconds(8), (traffic.Log.Writes.Count, missing.Count));
        var refused = registering.Outcomes.Where(o => o.Status != 201).ToList();
        verdict.Check(refused.All(o => o.Status == 503),
            $"{registering.Outcomes.Count} registrations: {refused.Count} refused ({string.Join(", ", refused.GroupBy(o => o.Status).Select(g => $"{g.Count()} × {g.Key}"))})");
        var steady = outcomes.Where(o => FaultRun.SteadyKinds.Contains(o.Kind)).ToList();
        verdict.Check(steady.All(o => o.Expected), $"{steady.Count(o => o.Expected)} of {steady.Count} reads, searches and writes 2xx" +
            string.Concat(steady.Where(o => !o.Expected).GroupBy(o => $"{o.Kind} {o.Status}").Select(g => $" ({g.Count()} × {g.Key}, sent {Outcomes.Seconds(g.Min(o => o.Sent) - promoted)} to {Outcomes.Seconds(g.Max(o => o.Sent) - promoted)} after promotion, slowest {Outcomes.Ms(g.Max(o => o.Latency))})")));
        verdict.Recovery(Outcomes.Recovery(registering.Outcomes, Registrations, promoted), "registrations");
        verdict.Check(!synchronous || lost == 0, $"{lost} of {acknowledged.Count} acknowledged registrations lost");
        await verdict.RecordAsync($"PostgreSQL primary crashed, standby promoted ({(synchronous ? "synchronous" : "asynchronous")} replication)", 1, Expected);
    }

    /// <summary>The median of <paramref name="count"/> registrations one after another: what a commit costs.</summary>
    private static async Task<TimeSpan> RegistrationP50Async(HttpClient api, int count)
    {
        var latencies = new List<TimeSpan>();
        for (var i = 0; i < count; i++)
        {
            using var key = AgentKey.Generate();
            var watch = Stopwatch.StartNew();
            (await api.PostAsJsonAsync("/register", new { public_key = key.PublicKeyBase64, name = "cost" })).EnsureSuccessStatusCode();
            latencies.Add(watch.Elapsed);
        }
        return Outcomes.Percentile(latencies, 0.5);
    }

    private static async Task<int> CountAgentsAsync(PostgresServer server, IReadOnlyList<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("aicq") + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM agents WHERE id = ANY($1)", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Registers a new key every 100 ms, one at a time, keeping what each answer was and the ids acknowledged.</summary>
    private sealed class RegistrationStream
    {
        private readonly List<Outcome> _outcomes = [];
        private readonly List<Guid> _acknowledged = [];
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _run;

        public RegistrationStream(HttpClient http, Func<TimeSpan> now)
        {
            http.Timeout = TimeSpan.FromSeconds(30);
            _run = Task.Run(async () =>
            {
                using (http)
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        await RegisterOnceAsync(http, now);
                        await Task.Delay(100);
                    }
                }
            });
        }

        public IReadOnlyList<Outcome> Outcomes { get { lock (_outcomes) return [.. _outcomes]; } }
        public IReadOnlyList<Guid> Acknowledged { get { lock (_outcomes) return [.. _acknowledged]; } }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await _run;
            _stop.Dispose();
        }

        private async Task RegisterOnceAsync(HttpClient http, Func<TimeSpan> now)
        {
            using var key = AgentKey.Generate();
            var sent = now();
            int status;
            Guid? id = null;
            try
            {
                using var response = await http.PostAsJsonAsync("/register", new { public_key = key.PublicKeyBase64, name = "failover" });
                status = (int)response.StatusCode;
                if (status == 201)
                {
                    using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    id = body.RootElement.GetProperty("id").GetGuid();
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                status = 0;
            }
            lock (_outcomes)
            {
                _outcomes.Add(new Outcome("register", sent, now() - sent, status, status == 201));
                if (id is { } acknowledged) _acknowledged.Add(acknowledged);
            }
        }
    }
}
