namespace Aicq.Ops.Tests.Support;

/// <summary>One instruction of a Dockerfile, continuation lines joined, comments dropped.</summary>
internal sealed record DockerInstruction(string Keyword, string Arguments, int Stage);

/// <summary>A Dockerfile under deploy/docker, read the way `docker build` reads it (enough for our files).</summary>
internal sealed class Dockerfile
{
    public static readonly string[] Names = ["api", "edge", "status", "fly"];

    private Dockerfile(string name, IReadOnlyList<DockerInstruction> instructions)
    {
        Name = name;
        Instructions = instructions;
    }

    public string Name { get; }
    public IReadOnlyList<DockerInstruction> Instructions { get; }

    public int LastStage => Instructions.Max(i => i.Stage);

    public static Dockerfile Load(string name)
    {
        var instructions = new List<DockerInstruction>();
        var stage = -1;
        var pending = "";
        foreach (var raw in File.ReadAllLines(Repo.PathOf("deploy", "docker", $"{name}.Dockerfile")))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#'))) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var text = pending + line;
            pending = "";
            var space = text.IndexOf(' ');
            var keyword = text[..space].ToUpperInvariant();
            if (keyword == "FROM") stage++;
            instructions.Add(new DockerInstruction(keyword, text[(space + 1)..].Trim(), stage));
        }
        return new Dockerfile(name, instructions);
    }

    public IEnumerable<DockerInstruction> All(string keyword, int? stage = null) =>
        Instructions.Where(i => i.Keyword == keyword && (stage is null || i.Stage == stage));

    /// <summary>COPY from the build context (not --from another stage): its sources and destination.</summary>
    public IEnumerable<(IReadOnlyList<string> Sources, string Destination)> ContextCopies() =>
        All("COPY").Where(c => !c.Arguments.StartsWith("--from", StringComparison.Ordinal)).Select(c =>
        {
            var parts = c.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith("--", StringComparison.Ordinal)).ToList();
            return ((IReadOnlyList<string>)parts[..^1], parts[^1]);
        });

    /// <summary>The exec-form ENTRYPOINT of the final stage.</summary>
    public IReadOnlyList<string> EntryPoint =>
        JsonSerializer.Deserialize<string[]>(All("ENTRYPOINT", LastStage).Single().Arguments) ?? [];

    /// <summary>ENV of the final stage (KEY=VALUE pairs).</summary>
    public IReadOnlyDictionary<string, string> Environment =>
        All("ENV", LastStage)
            .SelectMany(e => e.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(p => p[0], p => p[1]);
}
