namespace Aicq.Ops.Tests.Support;

/// <summary>
/// A private Docker engine for one test run, through compose/standins/engine.sh: started under the test's state
/// folder, with every image compose names built there (no registry is reachable), and stopped with everything it
/// left (mounts, interfaces) on dispose. Each stage's time is kept for the CI budget.
/// </summary>
internal sealed partial class StagingEngine : IAsyncDisposable
{
    private static readonly string Script = Repo.PathOf("compose/standins/engine.sh");

    private readonly bool _keepImages;

    private StagingEngine(string directory, string dockerHost, bool keepImages)
    {
        Directory = directory;
        DockerHost = dockerHost;
        _keepImages = keepImages;
    }

    public string Directory { get; }

    public string DockerHost { get; }

    public List<(string Stage, TimeSpan Took)> Stages { get; } = [];

    /// <summary>
    /// Starts an engine in <paramref name="directory"/>, or in <c>$AICQ_COMPOSE_ENGINE_DIR</c> when set: a developer's
    /// folder whose images outlive the run, so the next run rebuilds only what changed (CI never sets it).
    /// </summary>
    public static async Task<StagingEngine> StartAsync(string directory)
    {
        var kept = System.Environment.GetEnvironmentVariable("AICQ_COMPOSE_ENGINE_DIR");
        var keepImages = !string.IsNullOrWhiteSpace(kept);
        if (keepImages) directory = Path.GetFullPath(kept!);
        var started = await Run.CommandAsync("bash", [Script, "start", directory], timeout: TimeSpan.FromMinutes(2));
        var host = DockerHostLine().Match(started.Output);
        if (started.ExitCode != 0 || !host.Success)
        {
            await StopAsync(directory, keepImages);
            started.AssertSuccess();
        }
        var engine = new StagingEngine(directory, host.Groups[1].Value, keepImages);
        engine.Record(started.Output);
        return engine;
    }

    /// <summary>The base image, the stand-ins and the AICQ images (skipped where an image of the same inputs exists).</summary>
    public async Task BuildImagesAsync()
    {
        var built = await Run.CommandAsync("bash", [Script, "images", Directory], timeout: TimeSpan.FromMinutes(14));
        Record(built.Output);
        built.AssertSuccess();
    }

    public Task<RunResult> DockerAsync(params string[] args) =>
        Run.CommandAsync("/usr/bin/docker", args, environment: Environment, timeout: TimeSpan.FromMinutes(2));

    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?> { ["DOCKER_HOST"] = DockerHost };

    public async ValueTask DisposeAsync() => await StopAsync(Directory, _keepImages);

    private static async Task StopAsync(string directory, bool keepImages) =>
        (await Run.CommandAsync("bash", [Script, "stop", directory, .. keepImages ? new[] { "--keep-images" } : []],
            timeout: TimeSpan.FromMinutes(2))).AssertSuccess();

    private void Record(string output)
    {
        foreach (Match stage in StageLine().Matches(output))
            Stages.Add((stage.Groups[1].Value, TimeSpan.FromSeconds(int.Parse(stage.Groups[2].Value))));
    }

    [GeneratedRegex(@"^DOCKER_HOST=(\S+)$", RegexOptions.Multiline)]
    private static partial Regex DockerHostLine();

    [GeneratedRegex(@"^stage (\S+): (\d+) s$", RegexOptions.Multiline)]
    private static partial Regex StageLine();
}
