namespace Aicq.Ops.Tests.Compose;

/// <summary>
/// One staging stack for the class: a private engine, every image built, `docker-compose up` of every service
/// but Grafana and Loki, all healthy. Disposed (or failed half-way) it takes everything down: the stack with its
/// volumes, then the engine with its mounts and interfaces.
/// </summary>
public sealed class StagingStackFixture : IAsyncLifetime
{
    /// <summary>A healthy stack is up well inside this on a loaded 2-core machine (about a minute when idle).</summary>
    public static readonly TimeSpan HealthyWithin = TimeSpan.FromMinutes(4);

    private StagingEngine? _engine;
    private StagingStack? _stack;

    internal StagingStack Stack => _stack ?? throw new InvalidOperationException("the staging stack did not start");

    /// <summary>How long each stage took (the CI budget): the engine's own stages, then the compose ones.</summary>
    public List<(string Stage, TimeSpan Took)> Stages { get; } = [];

    public async Task InitializeAsync()
    {
        try
        {
            var directory = TestState.NewDirectory("compose");
            _engine = await StagingEngine.StartAsync(Path.Combine(directory, "engine"));
            await _engine.BuildImagesAsync();
            Stages.AddRange(_engine.Stages);
            _stack = new StagingStack(_engine, directory);
            await _stack.PrepareAsync();
            await TimedAsync("compose-up", _stack.UpAsync);
            await TimedAsync("healthy", () => WaitHealthyAsync(HealthyWithin));
            (await _engine.DockerAsync("cp", $"{await _stack.ContainerAsync("edge")}:/etc/aicq/tls/ca.crt", _stack.CaFile)).AssertSuccess();
        }
        catch
        {
            if (_engine is not null) Stages.AddRange(_engine.Stages.Except(Stages));
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (_stack is not null) await TimedAsync("compose-down", async () => await _stack.ComposeAsync(TimeSpan.FromMinutes(3), "down", "-v", "--timeout", "40"));
        }
        finally
        {
            if (_engine is not null) await _engine.DisposeAsync();
        }
    }

    /// <summary>Until every container is healthy (or, without a health check, running; tls-init: exited 0).</summary>
    internal async Task WaitHealthyAsync(TimeSpan within)
    {
        var deadline = Stopwatch.StartNew();
        var services = await Stack.ServicesAsync();
        while (true)
        {
            var all = await Stack.StatesAsync();
            var states = services.ToDictionary(s => s, s => all.GetValueOrDefault(s, "missing"));
            var waiting = states.Where(s => s.Value is not ("healthy" or "running" or "exited 0") || (s.Key == "tls-init") != (s.Value == "exited 0")).ToList();
            if (waiting.Count == 0) return;
            if (deadline.Elapsed > within || waiting.Any(s => s.Value.StartsWith("exited", StringComparison.Ordinal)))
            {
                var logs = new List<string>();
                foreach (var (service, _) in waiting) logs.Add($"--- {service}\n{(await Stack.ComposeAsync(TimeSpan.FromMinutes(1), "logs", "--tail", "30", service)).Output}");
                Assert.Fail($"not healthy after {deadline.Elapsed.TotalSeconds:0} s: {string.Join(", ", waiting.Select(w => $"{w.Key} {w.Value}"))}\n{string.Join('\n', logs)}");
            }
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    internal async Task TimedAsync(string stage, Func<Task> action)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            await action();
        }
        finally
        {
            Stages.Add((stage, watch.Elapsed));
        }
    }
}
