namespace Aicq.Monitoring.Tests.Support;

/// <summary>Paths inside the repository, found by walking up from the test binaries to Aicq.slnx.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Aicq.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"No Aicq.slnx above {AppContext.BaseDirectory}: cannot find the repository root.");
    }
}
