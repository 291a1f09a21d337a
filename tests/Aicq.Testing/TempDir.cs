namespace Aicq.Testing;

/// <summary>A fresh folder under the system's temp directory, removed on dispose (best effort).</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("aicq-test-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { /* best effort: a leftover temp directory must not fail a test */ }
    }
}
