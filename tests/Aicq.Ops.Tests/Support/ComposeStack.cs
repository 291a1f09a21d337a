namespace Aicq.Ops.Tests.Support;

/// <summary>
/// compose/docker-compose.yml as Docker would run it: resolved by Debian's docker-compose (`config`, which
/// interpolates compose/.env.example and makes every bind-mount path absolute), so the tests judge the real
/// configuration rather than the raw text.
/// </summary>
internal sealed class ComposeStack
{
    private static readonly Lazy<Task<ComposeStack>> Resolved = new(ResolveAsync);

    private ComposeStack(YamlMappingNode root) => Root = root;

    public static string Directory => Repo.PathOf("compose");

    public YamlMappingNode Root { get; }

    public IReadOnlyDictionary<string, YamlMappingNode> Services =>
        Root.MapOrEmpty("services").Entries().ToDictionary(e => e.Key, e => (YamlMappingNode)e.Value);

    public static Task<ComposeStack> LoadAsync() => Resolved.Value;

    /// <summary>docker-compose with the example environment (every required variable set).</summary>
    public static Task<RunResult> ComposeAsync(params string[] args) =>
        Run.CommandAsync("docker-compose", ["--env-file", ".env.example", .. args], Directory);

    public IReadOnlyDictionary<string, string> Environment(string service) =>
        Services[service].MapOrEmpty("environment").Entries().ToDictionary(e => e.Key, e => (e.Value as YamlScalarNode)?.Value ?? "");

    /// <summary>
    /// The ports a service's processes listen on: the container side of published ports, <c>expose</c>, and every
    /// <c>*PORT</c> environment value (how the AICQ services are told their ports).
    /// </summary>
    public IReadOnlySet<int> ListeningPorts(string service)
    {
        var definition = Services[service];
        var ports = new HashSet<int>();
        foreach (var item in definition.Items("ports"))
        {
            if (item is YamlMappingNode map && int.TryParse(map.Str("target"), out var target)) ports.Add(target);
        }
        foreach (var item in definition.Items("expose"))
        {
            if (item is YamlScalarNode scalar && int.TryParse(scalar.Value, out var exposed)) ports.Add(exposed);
        }
        foreach (var (name, value) in Environment(service))
        {
            if ((name == "PORT" || name.EndsWith("_PORT", StringComparison.Ordinal)) && int.TryParse(value, out var port)) ports.Add(port);
        }
        return ports;
    }

    private static async Task<ComposeStack> ResolveAsync()
    {
        var result = (await ComposeAsync("config")).AssertSuccess();
        // docker-compose prints interpolation warnings before the YAML; the document starts at its first key.
        var start = result.Output.IndexOf("networks:", StringComparison.Ordinal);
        var yaml = start >= 0 ? result.Output[start..] : result.Output;
        return new ComposeStack(Yaml.Parse(yaml, "docker-compose config"));
    }
}
