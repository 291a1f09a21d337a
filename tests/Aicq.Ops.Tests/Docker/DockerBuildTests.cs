namespace Aicq.Ops.Tests.Docker;

/// <summary>
/// The build stage of each Dockerfile, carried out natively (this machine has no Docker engine): a fresh context
/// folder receives exactly what the COPY instructions copy (minus what .dockerignore drops: bin/, obj/), then
/// the stage's RUN commands run there. A file the build needs but the Dockerfile forgets to copy fails here.
/// </summary>
public sealed class DockerBuildTests
{
    private static readonly string[] NotInContext = ["bin", "obj"];

    [Fact]
    public async Task BuildStageOfEveryDockerfile_PublishesTheServiceFromWhatItCopies()
    {
        foreach (var name in Dockerfile.Names)
        {
            using var context = new TempDir();
            var source = Directory.CreateDirectory(Path.Combine(context.Path, "src")).FullName;
            var app = Path.Combine(context.Path, "app");
            foreach (var instruction in Dockerfile.Load(name).Instructions.Where(i => i.Stage == 0))
            {
                switch (instruction.Keyword)
                {
                    case "WORKDIR":
                        Assert.Equal("/src", instruction.Arguments);
                        break;
                    case "COPY":
                        var parts = instruction.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        foreach (var item in parts[..^1]) CopyIntoContext(Repo.PathOf(item.TrimEnd('/')), Path.Combine(source, parts[^1]));
                        break;
                    // The image's own packages (clang and zlib for the edge's Native AOT publish): this machine has them
                    // from ./aicq install, and apt-get here would change the machine, not a throwaway image.
                    case "RUN" when instruction.Arguments.StartsWith("apt-get ", StringComparison.Ordinal):
                        break;
                    case "RUN":
                        var command = instruction.Arguments.Replace(" /app", " " + app, StringComparison.Ordinal);
                        (await Run.CommandAsync("bash", ["-c", command], source, CleanBuildEnvironment, TimeSpan.FromMinutes(20))).AssertSuccess();
                        break;
                }
            }
            AssertPublished(name, app);
        }
    }

    /// <summary>
    /// A build as in a fresh container: no MSBuild node or server left from another build, and none of the MSBuild
    /// variables the test host inherits from `dotnet test` (they point a nested build at the outer one's SDK state).
    /// </summary>
    private static readonly Dictionary<string, string?> CleanBuildEnvironment = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["MSBuildExtensionsPath"] = null,
        ["MSBuildSDKsPath"] = null,
        ["MSBUILD_EXE_PATH"] = null,
        ["MSBuildLoadMicrosoftTargetsReadOnly"] = null,
        ["VSTEST_HOST_DEBUG"] = null,
    };

    private static void AssertPublished(string name, string app)
    {
        string[] expected = name switch
        {
            "api" => ["Aicq.Api.dll", "Aicq.Api.runtimeconfig.json"],
            "edge" => ["Aicq.Edge"], // the Native AOT binary, alone
            // Blazor's script is served from the publish output, which is why the image runs a publish.
            "status" => ["Aicq.StatusPage.dll", "wwwroot/_framework/blazor.web.js"],
            _ => ["api/Aicq.Api.dll", "edge/Aicq.Edge"],
        };
        Assert.All(expected, file => Assert.True(File.Exists(Path.Combine(app, file)), $"{name}.Dockerfile: {file} is not in the published output"));
    }

    /// <summary>Docker's COPY: a file lands in the destination folder, a folder's contents are merged into it.</summary>
    private static void CopyIntoContext(string from, string destination)
    {
        Directory.CreateDirectory(destination);
        if (File.Exists(from))
        {
            File.Copy(from, Path.Combine(destination, Path.GetFileName(from)), overwrite: true);
            return;
        }
        Assert.True(Directory.Exists(from), $"COPY source {from} does not exist");
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        foreach (var folder in Directory.EnumerateDirectories(from).Where(d => !NotInContext.Contains(Path.GetFileName(d))))
            CopyIntoContext(folder, Path.Combine(destination, Path.GetFileName(folder)));
    }
}
