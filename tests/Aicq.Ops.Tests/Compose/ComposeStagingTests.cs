using System.Net;
using Xunit.Abstractions;

namespace Aicq.Ops.Tests.Compose;

/// <summary>
/// compose/docker-compose.yml for real: the staging stack on its own Docker engine, with stand-ins for every
/// image a registry would give (compose/standins/README.md). Each test leaves the stack healthy for the next.
/// </summary>
public sealed class ComposeStagingTests(StagingStackFixture fixture, ITestOutputHelper output) : IClassFixture<StagingStackFixture>
{
    private StagingStack Stack => fixture.Stack;

    [Fact]
    public async Task EveryContainer_IsHealthy_AndRunsAsANonRootUser()
    {
        await TimedAsync("healthy-non-root", async () =>
        {
            await fixture.WaitHealthyAsync(StagingStackFixture.HealthyWithin);
            var root = new List<string>();
            foreach (var service in (await Stack.ServicesAsync()).Where(s => s != "tls-init"))
            {
                var user = (await Stack.ExecAsync(service, "id", "-u")).AssertSuccess().Output.Trim();
                // Every process, not only what `exec` gets: an entrypoint may run as root and drop later, or not.
                var processes = (await Stack.Engine.DockerAsync("top", await Stack.ContainerAsync(service), "-eo", "pid,uid,args")).AssertSuccess().Output;
                var rootProcesses = processes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                    .Where(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries) is [_, "0", ..]).ToList();
                if (user == "0" || rootProcesses.Count > 0) root.Add($"{service}: id -u {user}; {string.Join("; ", rootProcesses)}");
            }
            Assert.Empty(root);
        });
    }

    [Fact]
    public async Task Smoke_ThroughTheComposeEdge_Passes()
    {
        await TimedAsync("smoke", async () =>
        {
            // Inside the edge container's network namespace the edge is https://localhost, the name its certificate
            // carries, exactly as a team reaches it through the published port (compose/README.md).
            var result = await Run.CommandAsync("nsenter", ["--net=" + await Stack.EdgeNetworkNamespaceAsync(), "bash", Repo.Launcher,
                "smoke", "https://localhost", "--ca-file", Stack.CaFile, "--edge"], timeout: TimeSpan.FromMinutes(3));
            output.WriteLine(result.Output);
            result.AssertSuccess();
            Assert.Contains("smoke: PASSED", result.Output);
        });
    }

    [Fact]
    public async Task Prometheus_HasEveryTargetUp()
    {
        await TimedAsync("targets-up", async () =>
        {
            var down = await WaitAsync(TimeSpan.FromMinutes(2), async () =>
            {
                using var targets = JsonDocument.Parse(await Stack.GetInsideAsync("prometheus", "http://127.0.0.1:9090/api/v1/targets?state=active"));
                var active = targets.RootElement.GetProperty("data").GetProperty("activeTargets").EnumerateArray().ToList();
                var notUp = active.Where(t => t.GetProperty("health").GetString() != "up")
                    .Select(t => $"{t.GetProperty("labels").GetProperty("job")}/{t.GetProperty("scrapeUrl")}: {t.GetProperty("lastError")}").ToList();
                return active.Count > 0 && notUp.Count == 0 ? null : $"{active.Count} targets, not up: {string.Join("; ", notUp)}";
            });
            Assert.Null(down);
        });
    }

    [Fact]
    public async Task RedisStopped_AlertReachesAlertmanagerAndTheStatusPage_AndResolves()
    {
        using var status = await Stack.StatusClientAsync();
        try
        {
            await TimedAsync("redis-alert-fires", async () =>
            {
                (await Stack.ComposeAsync(TimeSpan.FromMinutes(1), "stop", "redis")).AssertSuccess();
                Assert.Null(await WaitAsync(TimeSpan.FromMinutes(3), async () =>
                    await AlertmanagerHasAsync("RedisDown") ? null : "RedisDown is not active in Alertmanager"));
                Assert.Null(await WaitAsync(TimeSpan.FromMinutes(1), async () =>
                    await RedisIncidentAsync(status) == "open" ? null : "no open redis incident on the status page"));
            });
        }
        finally
        {
            (await Stack.ComposeAsync(TimeSpan.FromMinutes(2), "start", "redis")).AssertSuccess();
        }
        await TimedAsync("redis-alert-resolves", async () =>
        {
            Assert.Null(await WaitAsync(TimeSpan.FromMinutes(3), async () =>
                await AlertmanagerHasAsync("RedisDown") ? "RedisDown still active in Alertmanager" : null));
            Assert.Null(await WaitAsync(TimeSpan.FromMinutes(2), async () =>
                await RedisIncidentAsync(status) == "resolved" ? null : "the redis incident is not resolved"));
            await fixture.WaitHealthyAsync(StagingStackFixture.HealthyWithin);
        });
    }

    [Fact]
    public async Task ApiContainerRestart_LosesNoRequest()
    {
        await fixture.WaitHealthyAsync(StagingStackFixture.HealthyWithin);
        using var edge = await Stack.EdgeClientAsync();
        await TimedAsync("api-restart", async () =>
        {
            using var stop = new CancellationTokenSource();
            var failures = new List<string>();
            var sent = 0;
            async Task LoadAsync()
            {
                while (!stop.IsCancellationRequested)
                {
                    Interlocked.Increment(ref sent);
                    try
                    {
                        using var response = await edge.GetAsync("stats", CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.OK) continue;
                        var body = await response.Content.ReadAsStringAsync();
                        lock (failures) failures.Add($"{(int)response.StatusCode} {body}");
                    }
                    catch (HttpRequestException e)
                    {
                        lock (failures) failures.Add(e.Message);
                    }
                }
            }
            var load = Enumerable.Range(0, 4).Select(_ => Task.Run(LoadAsync)).ToList();
            (await Stack.ComposeAsync(TimeSpan.FromMinutes(2), "restart", "api-1")).AssertSuccess();
            await fixture.WaitHealthyAsync(StagingStackFixture.HealthyWithin);
            stop.Cancel();
            await Task.WhenAll(load);
            output.WriteLine($"{sent} requests through the edge while api-1 restarted; {failures.Count} failed");
            Assert.True(sent > 20, $"only {sent} requests were sent");
            Assert.Empty(failures);
        });
    }

    [Fact]
    public async Task DownThenUp_KeepsEveryRowAndMessage()
    {
        await fixture.WaitHealthyAsync(StagingStackFixture.HealthyWithin);
        var key = AgentKey.Generate();
        Guid agentId, roomId;
        string messageId;
        string rowsBefore;
        using (var edge = await Stack.EdgeClientAsync())
        {
            var registered = await new AicqClient(edge).RegisterAsync(key.PublicKeyBase64, "compose-staging");
            var client = new AicqClient(edge, new AgentIdentity(registered.Id, key));
            agentId = registered.Id;
            roomId = (await client.CreateRoomAsync($"staging-{Guid.NewGuid():N}"[..20])).Id;
            messageId = (await client.PostMessageAsync(roomId, "kept across down and up")).Id;
            rowsBefore = await ApiRowsAsync();
        }
        await TimedAsync("down-up", async () =>
        {
            (await Stack.ComposeAsync(TimeSpan.FromMinutes(3), "down", "--timeout", "40")).AssertSuccess();
            await Stack.UpAsync();
            await fixture.WaitHealthyAsync(StagingStackFixture.HealthyWithin);
        });
        Assert.Equal(rowsBefore, await ApiRowsAsync());
        using var after = await Stack.EdgeClientAsync();
        var reader = new AicqClient(after, new AgentIdentity(agentId, key));
        Assert.Equal(agentId, (await reader.WhoAsync(agentId)).Id);
        Assert.Contains((await reader.ReadRoomAsync(roomId)).Messages, m => m.Id == messageId);
    }

    /// <summary>
    /// Which agent and room rows exist (the API's tables), as one text to compare. By id: the running stack updates
    /// rows (the status page's canary keeps its room active), so their contents may change between two reads.
    /// </summary>
    private async Task<string> ApiRowsAsync() =>
        (await Stack.ExecAsync("postgres", "psql", "-U", "aicq", "-d", "aicq", "-Atc",
            "SELECT 'agents', count(*), md5(string_agg(id::text, ',' ORDER BY id)) FROM agents " +
            "UNION ALL SELECT 'rooms', count(*), md5(string_agg(id::text, ',' ORDER BY id)) FROM rooms")).AssertSuccess().Output;

    private async Task<bool> AlertmanagerHasAsync(string alert)
    {
        using var alerts = JsonDocument.Parse(await Stack.GetInsideAsync("alertmanager", $"http://127.0.0.1:9093/api/v2/alerts?active=true&filter=alertname%3D%22{alert}%22"));
        return alerts.RootElement.GetArrayLength() > 0;
    }

    /// <summary>The newest redis incident's state on the status page (open, resolved), or null without one.</summary>
    private static async Task<string?> RedisIncidentAsync(HttpClient status)
    {
        using var body = JsonDocument.Parse(await status.GetStringAsync("api/status"));
        return body.RootElement.GetProperty("incidents").EnumerateArray()
            .Where(i => i.GetProperty("component").GetString() == "redis")
            .Select(i => i.GetProperty("status").GetString()).FirstOrDefault();
    }

    /// <summary>Polls <paramref name="problem"/> until it returns null (met), or returns its last answer at the deadline.</summary>
    private static async Task<string?> WaitAsync(TimeSpan within, Func<Task<string?>> problem)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var last = await problem();
            if (last is null || watch.Elapsed > within) return last;
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    private async Task TimedAsync(string stage, Func<Task> action)
    {
        try
        {
            await fixture.TimedAsync(stage, action);
        }
        finally
        {
            output.WriteLine(string.Join('\n', fixture.Stages.Select(s => $"stage {s.Stage}: {s.Took.TotalSeconds:0} s")));
        }
    }
}
