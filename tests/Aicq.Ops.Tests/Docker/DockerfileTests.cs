using System.Xml.Linq;

namespace Aicq.Ops.Tests.Docker;

/// <summary>The Dockerfiles against the repository they build from; the build itself is DockerBuildTests.</summary>
public sealed partial class DockerfileTests
{
    public static TheoryData<string> All => new(Dockerfile.Names);

    public static TheoryData<string, string> Services => new()
    {
        { "api", "src/Aicq.Api/Aicq.Api.csproj" },
        { "edge", "src/Aicq.Edge/Aicq.Edge.csproj" },
        { "status", "src/Aicq.StatusPage/Aicq.StatusPage.csproj" },
    };

    [Theory]
    [MemberData(nameof(All))]
    public void EveryCopySource_ExistsAndIsSentInTheBuildContext(string name)
    {
        var ignored = Repo.Read(".dockerignore").Split('\n')
            .Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains('*'))
            .ToList();
        var problems = Dockerfile.Load(name).ContextCopies()
            .SelectMany(copy => copy.Sources)
            .Select(source => source.TrimEnd('/'))
            .Where(source => !File.Exists(Repo.PathOf(source)) && !Directory.Exists(Repo.PathOf(source))
                             || ignored.Any(i => source == i || source.StartsWith(i + "/", StringComparison.Ordinal)));
        Assert.Empty(problems);
    }

    [Theory]
    [MemberData(nameof(Services))]
    public void EntryPoint_RunsTheAssemblyOfTheProjectItPublishes(string name, string project)
    {
        var dockerfile = Dockerfile.Load(name);
        Assert.Contains(dockerfile.All("RUN", 0), r => r.Arguments.Contains($"dotnet publish {project}", StringComparison.Ordinal));
        // The edge runs as its Native AOT binary (issue 15); the other services on the image's .NET runtime.
        string[] expected = name == "edge" ? ["/app/" + AssemblyName(project)] : ["dotnet", AssemblyName(project) + ".dll"];
        Assert.Equal(expected, dockerfile.EntryPoint);
    }

    [Fact]
    public void FlyEntrypoint_RunsWhatTheFlyImagePublishes()
    {
        var dockerfile = Dockerfile.Load("fly");
        var script = Repo.Read("deploy", "docker", "fly-entrypoint.sh");
        foreach (var (project, folder) in new[] { ("src/Aicq.Api/Aicq.Api.csproj", "api"), ("src/Aicq.Edge/Aicq.Edge.csproj", "edge") })
        {
            var native = folder == "edge";
            Assert.Contains(dockerfile.All("RUN", 0), r => r.Arguments.Contains($"dotnet publish {project} -c Release {(native ? "-r linux-x64 " : "")}-o /app/{folder}", StringComparison.Ordinal));
            Assert.Contains(native ? $"\"$app_dir/{folder}/{AssemblyName(project)}\" &" : $"\"$app_dir/{folder}/{AssemblyName(project)}.dll\"", script);
        }
        Assert.Equal(["aicq-fly-entrypoint"], dockerfile.EntryPoint);
        Assert.Contains(dockerfile.ContextCopies(), c => c.Sources.SequenceEqual(["deploy/docker/fly-entrypoint.sh"]) && c.Destination == "/usr/local/bin/aicq-fly-entrypoint");
    }

    [Theory]
    [MemberData(nameof(All))]
    public void RestoreLayer_HasTheProjectFileOfEveryProjectItBuilds(string name)
    {
        var dockerfile = Dockerfile.Load(name);
        var published = dockerfile.All("RUN", 0)
            .SelectMany(r => PublishedProject().Matches(r.Arguments).Select(m => m.Groups[1].Value))
            .ToList();
        Assert.NotEmpty(published);
        var copiedBeforeRestore = dockerfile.Instructions
            .TakeWhile(i => !(i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal)))
            .Where(i => i.Keyword == "COPY")
            .SelectMany(i => i.Arguments.Split(' ')[..^1])
            .ToHashSet();
        var needed = published.SelectMany(ProjectClosure).Distinct();
        var missing = needed.Where(p => !copiedBeforeRestore.Contains(p)).ToList();
        Assert.Empty(missing);
        Assert.Superset(new HashSet<string> { "global.json", "Directory.Build.props", "Directory.Packages.props" }, copiedBeforeRestore);
    }

    [Theory]
    [MemberData(nameof(All))]
    public void BaseImages_ArePinnedToAPatchVersion(string name)
    {
        var images = Dockerfile.Load(name).All("FROM").Select(f => f.Arguments.Split(' ')[0]).ToList();
        Assert.Equal(2, images.Count);
        Assert.All(images, image => Assert.Matches(@"^mcr\.microsoft\.com/dotnet/(sdk|aspnet):10\.0\.\d+(-[a-z]+)?$", image));
    }

    [Theory]
    [MemberData(nameof(All))]
    public void RuntimeStage_RunsAsTheUnprivilegedUser_AndReportsVersionAndCommit(string name)
    {
        var dockerfile = Dockerfile.Load(name);
        Assert.Equal("$APP_UID", dockerfile.All("USER", dockerfile.LastStage).Single().Arguments);
        Assert.Contains(dockerfile.All("ARG", dockerfile.LastStage), a => a.Arguments.StartsWith("VERSION=", StringComparison.Ordinal));
        Assert.Contains(dockerfile.All("ARG", dockerfile.LastStage), a => a.Arguments.StartsWith("COMMIT=", StringComparison.Ordinal));
        Assert.Equal("$VERSION", dockerfile.Environment["AICQ_VERSION"]);
        Assert.Equal("$COMMIT", dockerfile.Environment["AICQ_COMMIT"]);
    }

    [Theory]
    [InlineData("api", "PORT", "METRICS_PORT")]
    [InlineData("edge", "EDGE_HTTPS_PORT", "EDGE_INTERNAL_PORT")]
    [InlineData("status", "STATUS_PORT", "STATUS_INTERNAL_PORT")]
    public void ServiceImages_ExposeTheirPorts_AndCheckLivenessOnTheInternalOne(string name, string publicPort, string internalPort)
    {
        var dockerfile = Dockerfile.Load(name);
        var exposed = dockerfile.All("EXPOSE", dockerfile.LastStage).Single().Arguments.Split(' ');
        Assert.Contains(dockerfile.Environment[publicPort], exposed);
        Assert.Contains(dockerfile.Environment[internalPort], exposed);
        var healthcheck = dockerfile.All("HEALTHCHECK", dockerfile.LastStage).Single().Arguments;
        Assert.EndsWith($"CMD aicq-healthcheck \"${internalPort}\"", healthcheck);
        Assert.Contains(dockerfile.ContextCopies(), c => c.Sources.SequenceEqual(["deploy/docker/healthcheck.sh"]) && c.Destination == "/usr/local/bin/aicq-healthcheck");
    }

    /// <summary>The project and every project it references, transitively, as repository-relative paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>();
        var queue = new Queue<string>([project]);
        while (queue.TryDequeue(out var next))
        {
            if (!seen.Add(next)) continue;
            var directory = Path.GetDirectoryName(Repo.PathOf(next))!;
            foreach (var reference in XDocument.Load(Repo.PathOf(next)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(directory, reference.Attribute("Include")!.Value));
                queue.Enqueue(Path.GetRelativePath(Repo.Root, full).Replace('\\', '/'));
            }
        }
        return seen;
    }

    internal static string AssemblyName(string project) =>
        XDocument.Load(Repo.PathOf(project)).Descendants("AssemblyName").FirstOrDefault()?.Value
        ?? Path.GetFileNameWithoutExtension(project);

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();
}
