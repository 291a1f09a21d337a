using System.Net.Http.Json;

namespace Aicq.Reliability.Tests.Faults;

/// <summary>
/// The agents table held under <c>ACCESS EXCLUSIVE</c> by another session (a migration or a long maintenance statement).
/// What the code does: an instance remembers every agent it has found for 10 minutes, so signed requests of agents it
/// knows never touch the table and keep working, and so do reads, searches and <c>/channels</c>. A registration
/// (<c>POST /register</c>) and the first signed request of an agent the instance has not seen yet query the table: they
/// wait on the lock until PostgreSQL's answer or the API's 5 s command timeout (DATABASE_URL's connection string,
/// <c>PostgresUrl</c>), whichever comes first, so each is answered 201 as soon as the lock goes, or 503 after about 5 s;
/// never a 500, never a hang. Health checks run <c>SELECT 1</c>, which the lock does not block: liveness and readiness stay 200.
/// </summary>
[Collection(FaultCollection.Name)]
public sealed class TableLockTests(FaultAppliance fixture)
{
    private const string Register = "register", FirstWrite = "first-write";

    private const string Expected =
        "registrations and first writes of agents new to the instance: 201, or 503 after the 5 s command timeout (slowest under 7 s), never 500 or a hang; " +
        "reads, searches, /channels and writes of known agents 2xx throughout; liveness and readiness 200 throughout; all work again once the lock is released; " +
        "every acknowledged write readable";

    private static readonly IReadOnlySet<string> Locked = new HashSet<string> { Register, FirstWrite };

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task AgentsTableLocked(int run)
    {
        var newcomers = new ConcurrentQueue<AgentIdentity>();
        for (var i = 0; i < 60; i++) newcomers.Enqueue(await fixture.Appliance.NewAgentAsync("newcomer")); // registered at, so known to, instance 1 only
        using var clients = new Clients();
        await using var r = await FaultRun.StartAsync(fixture);
        await RememberSteadyAgentsAsync();
        var hold = SuiteForm.Seconds(15, 7);
        TimeSpan locked;
        await using (var db = await fixture.OpenDatabaseAsync())
        await using (var transaction = await db.BeginTransactionAsync())
        {
            await using (var take = new NpgsqlCommand("LOCK TABLE agents IN ACCESS EXCLUSIVE MODE", db, transaction)) await take.ExecuteNonQueryAsync();
            locked = r.Now;
            foreach (var api in fixture.Appliance.Apis) r.AddProbe(Register, clients.Add(api.CreateClient()), RegisterAsync, 201);
            // Straight at the second instance, which has never looked these agents up.
            for (var i = 0; i < 2; i++) r.AddProbe(FirstWrite, clients.Add(fixture.Appliance.Apis[1].CreateClient()), http => FirstWriteAsync(http, newcomers), 201);
            await Task.Delay(hold);
            await transaction.RollbackAsync();
        }
        var released = r.Now;
        await r.WaitRecoveredAsync(Locked, released);
        var end = r.Now;
        var writes = await r.FinishAsync();

        var outcomes = r.Outcomes;
        var verdict = new Verdict();
        verdict.Common(outcomes, TimeSpan.FromSeconds(7), writes);
        var waiting = outcomes.Where(o => Locked.Contains(o.Kind) && o.Sent < released).ToList();
        string Count(Func<Outcome, bool> which) => $"{waiting.Count(which)}";
        verdict.Check(waiting.Count > 0 && waiting.All(o => o.Status is 201 or 503),
            $"lock held {Outcomes.Seconds(released - locked)}; during it {waiting.Count} registrations and first writes: {Count(o => o.Status == 201)} × 201, {Count(o => o.Status == 503)} × 503");
        var slowest = waiting.Count == 0 ? TimeSpan.Zero : waiting.Max(o => o.Latency);
        verdict.Check(slowest < TimeSpan.FromSeconds(7), $"slowest of them {Outcomes.Ms(slowest)}");
        // Those sent at least 5 s before the release cannot have met it: the command timeout answered them.
        var timedOut = waiting.Where(o => o.Sent < released - TimeSpan.FromSeconds(5.5)).ToList();
        verdict.Check(timedOut.Count > 0 && timedOut.All(o => o.Status == 503 && o.Latency >= TimeSpan.FromSeconds(4.5)),
            $"{timedOut.Count(o => o.Status == 503)} of {timedOut.Count} sent 5.5 s or more before the release timed out with 503");
        var others = outcomes.Where(o => !Locked.Contains(o.Kind)).ToList();
        verdict.Check(others.Count > 0 && others.All(o => o.Expected),
            $"reads, searches, /channels and writes of known agents: {others.Count(o => o.Expected)} of {others.Count} 2xx");
        verdict.Liveness(r.Watch, [0, 1], TimeSpan.Zero, end);
        var unready = Enumerable.Range(0, 2).Sum(i => r.Watch.Of(i, HealthWatch.Ready, TimeSpan.Zero, end).Count(s => s.Value != 200));
        verdict.Check(unready == 0, $"readiness not 200 in {unready} samples");
        verdict.Recovery(Outcomes.Recovery(outcomes, Locked, released), "registrations and first writes");
        await verdict.RecordAsync("Agents table locked (ACCESS EXCLUSIVE, 15 s)", run, Expected);
    }

    /// <summary>Both instances look up the steady traffic's agents now, so their writes do not need the table during the lock.</summary>
    private async Task RememberSteadyAgentsAsync()
    {
        foreach (var api in fixture.Appliance.Apis)
        {
            using var http = api.CreateClient();
            foreach (var agent in fixture.Agents) (await http.GetAsync($"who/{agent.AgentId:D}")).EnsureSuccessStatusCode();
        }
    }

    private static Task<HttpResponseMessage> RegisterAsync(HttpClient http) =>
        http.PostAsJsonAsync("register", new { public_key = AgentKey.Generate().PublicKeyBase64, name = "locked-out" });

    private Task<HttpResponseMessage> FirstWriteAsync(HttpClient http, ConcurrentQueue<AgentIdentity> newcomers)
    {
        if (!newcomers.TryDequeue(out var agent)) throw new HttpRequestException("no agent new to the instance left for a first write");
        var post = PresignedPost.Sign(new RequestSigner(agent), new Uri($"room/{fixture.Rooms[0]:D}", UriKind.Relative),
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(new { body = "first words" }));
        return http.SendAsync(PresignedPosts.Build(post));
    }

    /// <summary>The probes' clients, disposed with the case.</summary>
    private sealed class Clients : IDisposable
    {
        private readonly List<HttpClient> _all = [];

        public HttpClient Add(HttpClient http)
        {
            _all.Add(http);
            return http;
        }

        public void Dispose() => _all.ForEach(h => h.Dispose());
    }
}
