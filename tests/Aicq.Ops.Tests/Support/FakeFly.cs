namespace Aicq.Ops.Tests.Support;

/// <summary>
/// A stand-in for flyctl on PATH: records every call (one line of arguments each) and answers `releases --json`
/// with two releases. `deploy --image` fails when the test asks it to, like a rolling deploy that did not converge.
/// </summary>
internal sealed class FakeFly : IDisposable
{
    public const string CurrentImage = "registry.fly.io/aicq:v-current";
    public const string PreviousImage = "registry.fly.io/aicq:v-previous";

    private readonly TempDir _dir = new();

    public FakeFly(bool failImageDeploy = false)
    {
        var script = $$"""
            #!/bin/bash
            printf '%s\n' "$*" >> '{{CallsFile}}'
            case "$1" in
              releases) printf '[{"Version":7,"Status":"complete","ImageRef":"{{CurrentImage}}"},{"Version":6,"Status":"failed","ImageRef":"registry.fly.io/aicq:v-broken"},{"Version":5,"Status":"complete","ImageRef":"{{PreviousImage}}"}]\n' ;;
              deploy) if [[ " $* " == *" --image "* && {{(failImageDeploy ? "1" : "0")}} == 1 ]]; then echo "fake fly: deploy did not converge" >&2; exit 1; fi ;;
            esac
            """;
        File.WriteAllText(Path.Combine(_dir.Path, "fly"), script.Replace("\r", "", StringComparison.Ordinal));
        File.SetUnixFileMode(Path.Combine(_dir.Path, "fly"), (UnixFileMode)0b111_101_101);
    }

    private string CallsFile => Path.Combine(_dir.Path, "calls.log");

    public IReadOnlyList<string> Calls => File.Exists(CallsFile) ? File.ReadAllLines(CallsFile) : [];

    /// <summary>The environment that puts this fake first on PATH.</summary>
    public IReadOnlyDictionary<string, string?> Environment => new Dictionary<string, string?>
    {
        ["PATH"] = $"{_dir.Path}:{System.Environment.GetEnvironmentVariable("PATH")}",
    };

    public void Dispose() => _dir.Dispose();
}
