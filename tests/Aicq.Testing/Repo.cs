namespace Aicq.Testing;

/// <summary>Files of the repository under test (its root is <see cref="RepoPaths.Root"/>).</summary>
public static class Repo
{
    public static string Root => RepoPaths.Root;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Read(params string[] parts) => File.ReadAllText(PathOf(parts));

    /// <summary>The launcher, run through bash so a checkout without the executable bit still works.</summary>
    public static string Launcher => PathOf("aicq");
}
