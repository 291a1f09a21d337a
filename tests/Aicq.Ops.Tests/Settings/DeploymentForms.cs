namespace Aicq.Ops.Tests.Settings;

/// <summary>One AICQ service as each deployment form starts it: the variable names each form sets for it.</summary>
internal sealed partial record DeployedService(string Name, string Project, string UpPart, string ComposeService, string FlyToml,
    string FlyProcessDir, string FixtureFile, IReadOnlyDictionary<string, string?> MinimalSettings)
{
    public static readonly DeployedService Api = new("api", "Aicq.Api", "api", "api-1", "fly.toml", "api", "ApiProcess.cs",
        new Dictionary<string, string?> { ["DATABASE_URL"] = "postgres://aicq:secret@127.0.0.1:5432/aicq" });

    public static readonly DeployedService Edge = new("edge", "Aicq.Edge", "edge", "edge", "fly.toml", "edge", "EdgeProcess.cs",
        new Dictionary<string, string?> { ["EDGE_HTTPS_PORT"] = "0", ["EDGE_PUBLIC_URL"] = "https://aicq.example" });

    public static readonly DeployedService Status = new("status", "Aicq.StatusPage", "status", "status", "deploy/fly/status/fly.toml", "", "StatusPageProcess.cs",
        new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = "postgres://aicq:secret@127.0.0.1:5432/aicq",
            ["STATUS_WEBHOOK_TOKEN"] = "webhook-token-of-24-characters",
        });

    public static DeployedService Named(string name) => new[] { Api, Edge, Status }.Single(s => s.Name == name);

    /// <summary>Every setting the service reads, as <c>--check-config</c> lists them (the real reader, not a copy of its names).</summary>
    public async Task<IReadOnlySet<string>> SettingsReadAsync()
    {
        var result = (await CheckConfigAsync(MinimalSettings)).AssertSuccess();
        return EffectiveSetting().Matches(result.Output).Select(m => m.Groups[1].Value).ToHashSet();
    }

    /// <summary>The settings the service refuses to start without (with nothing set but inherited noise removed).</summary>
    public async Task<IReadOnlySet<string>> RequiredSettingsAsync()
    {
        var known = await SettingsReadAsync();
        var result = await CheckConfigAsync(known.ToDictionary(name => name, string? (_) => null));
        Assert.Equal(2, result.ExitCode);
        return Problem().Matches(result.Output).Where(m => m.Groups[2].Value.StartsWith("is required", StringComparison.Ordinal))
            .Select(m => m.Groups[1].Value).ToHashSet();
    }

    private Task<RunResult> CheckConfigAsync(IReadOnlyDictionary<string, string?> environment) =>
        Run.CommandAsync("dotnet", [RepoPaths.ProjectDll(Project), "--check-config"], environment: environment);

    /// <summary>What <c>./aicq up</c> gives it: the names its part's <c>*_environment</c> function prints.</summary>
    public IReadOnlySet<string> Up()
    {
        var script = Repo.Read("scripts", "parts", UpPart + ".sh");
        var start = script.IndexOf($"\n{UpPart}_environment() {{", StringComparison.Ordinal);
        Assert.True(start >= 0, $"scripts/parts/{UpPart}.sh has no {UpPart}_environment function");
        var body = script[start..script.IndexOf("\n}", start, StringComparison.Ordinal)];
        return HeredocLine().Matches(body).Concat(PrintfName().Matches(body)).Select(m => m.Groups[1].Value).ToHashSet();
    }

    public async Task<IReadOnlySet<string>> ComposeAsync() => (await ComposeStack.LoadAsync()).Environment(ComposeService).Keys.ToHashSet();

    /// <summary>
    /// What a Fly machine gives it: the app's <c>[env]</c> (on the AICQ app both processes see all of it), what the
    /// entrypoint sets for this process, and the secrets the file's header names (set with <c>fly secrets set</c>).
    /// </summary>
    public IReadOnlySet<string> Fly()
    {
        var toml = Repo.Read(FlyToml.Split('/'));
        var names = FlyEnv(toml).Concat(FlySecrets(toml)).ToHashSet();
        if (FlyProcessDir.Length > 0) names.UnionWith(EntrypointOverrides(FlyProcessDir));
        return names;
    }

    public static IEnumerable<string> FlyEnv(string toml)
    {
        var env = (Tomlyn.Model.TomlTable)Tomlyn.TomlSerializer.Deserialize<Tomlyn.Model.TomlTable>(toml)!["env"];
        return env.Keys;
    }

    private static IEnumerable<string> FlySecrets(string toml) => toml.Split('\n')
        .Where(line => line.TrimStart().StartsWith('#') && (line.Contains("secrets set", StringComparison.Ordinal) || line.Contains("Secrets:", StringComparison.Ordinal)))
        .SelectMany(line => VariableName().Matches(line).Select(m => m.Value));

    /// <summary>The <c>NAME=value</c> prefixes of the entrypoint's command that starts this process.</summary>
    public static IEnumerable<string> EntrypointOverrides(string processDir)
    {
        var lines = Repo.Read("deploy", "docker", "fly-entrypoint.sh").Split('\n');
        var at = Array.FindIndex(lines, line => line.Contains($"\"$app_dir/{processDir}/", StringComparison.Ordinal));
        Assert.True(at >= 0, $"fly-entrypoint.sh does not start {processDir}");
        var command = at > 0 && lines[at - 1].TrimEnd().EndsWith('\\') ? lines[at - 1] + lines[at] : lines[at];
        return Assignment().Matches(command).Select(m => m.Groups[1].Value);
    }

    /// <summary>What the test fixture that starts it sets (wherever the harness keeps it).</summary>
    public IReadOnlySet<string> Fixture()
    {
        var file = Directory.EnumerateFiles(Repo.PathOf("tests"), FixtureFile, SearchOption.AllDirectories)
            .FirstOrDefault(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.True(file is not null, $"no test fixture {FixtureFile} under tests/");
        return FixtureSetting().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).ToHashSet();
    }

    [GeneratedRegex(@"(?m)^  ([A-Z][A-Z0-9_]+) {2,}\S")]
    private static partial Regex EffectiveSetting();

    [GeneratedRegex(@"(?m)^  - ([A-Z][A-Z0-9_]+) (.*)$")]
    private static partial Regex Problem();

    [GeneratedRegex(@"(?m)^([A-Z][A-Z0-9_]+)=")]
    private static partial Regex HeredocLine();

    [GeneratedRegex(@"(?:'|\\n)([A-Z][A-Z0-9_]+)=%s")]
    private static partial Regex PrintfName();

    [GeneratedRegex(@"\b([A-Z][A-Z0-9_]+)=\S")]
    private static partial Regex Assignment();

    [GeneratedRegex(@"\b[A-Z][A-Z0-9_]{2,}\b")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"\[""([A-Z][A-Z0-9_]+)""\]\s*=")]
    private static partial Regex FixtureSetting();
}
