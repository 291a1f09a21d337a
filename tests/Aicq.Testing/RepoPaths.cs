using System.Reflection;

namespace Aicq.Testing;

/// <summary>
/// Locates the repository and the built output of its projects, so integration tests run the very
/// DLLs that the same build produced instead of a copy that may be stale.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>The repository root: the nearest folder above the test binaries holding <c>Aicq.slnx</c>.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>
    /// The build configuration the tests were built with (<c>Debug</c> or <c>Release</c>), read from the
    /// test binaries' own path (<c>bin/&lt;Configuration&gt;/&lt;tfm&gt;/</c>) so services are taken from the same build.
    /// </summary>
    public static string Configuration { get; } = FindConfiguration();

    /// <summary>The target framework folder name the tests run under, e.g. <c>net10.0</c>.</summary>
    public static string TargetFramework { get; } = new DirectoryInfo(AppContext.BaseDirectory).Name;

    /// <summary>
    /// The built DLL of a project under <c>src/</c>, e.g. <c>ProjectDll("Aicq.Api")</c> gives
    /// <c>src/Aicq.Api/bin/&lt;Configuration&gt;/net10.0/Aicq.Api.dll</c>. Throws when it has not been built.
    /// </summary>
    public static string ProjectDll(string projectName, string folder = "src")
    {
        var path = Path.Combine(Root, folder, projectName, "bin", Configuration, TargetFramework, projectName + ".dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"{projectName} is not built for {Configuration}; build the solution first " +
                $"(dotnet build -c {Configuration} Aicq.slnx, or ./aicq test).", path);
        }
        return path;
    }

    /// <summary>
    /// The edge as production runs it: the Native AOT binary <c>./aicq build</c> (and <c>./aicq test</c>) publish to
    /// <c>src/Aicq.Edge/bin/aot/</c>. Throws when it is missing or older than the edge's built DLL, since it would
    /// then predate a change the tests mean to check.
    /// </summary>
    public static string EdgeBinary()
    {
        var binary = Path.Combine(Root, "src", "Aicq.Edge", "bin", "aot", "Aicq.Edge");
        var dll = ProjectDll("Aicq.Edge");
        if (!File.Exists(binary) || File.GetLastWriteTimeUtc(binary) < File.GetLastWriteTimeUtc(dll))
        {
            throw new FileNotFoundException(
                "The edge's Native AOT binary is missing or older than its build; publish it with ./aicq build " +
                "(./aicq test does it itself).", binary);
        }
        return binary;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aicq.slnx"))) return dir.FullName;
        }
        throw new InvalidOperationException($"No Aicq.slnx above {AppContext.BaseDirectory}; tests must run from a build inside the repository.");
    }

    private static string FindConfiguration()
    {
        var tfmDir = new DirectoryInfo(AppContext.BaseDirectory);
        if (tfmDir.Parent is { } configDir && configDir.Parent?.Name == "bin") return configDir.Name;
        return typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
    }
}
