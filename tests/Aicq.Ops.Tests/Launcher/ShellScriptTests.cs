namespace Aicq.Ops.Tests.Launcher;

/// <summary>Every shell script in the repository passes shellcheck (Debian's `shellcheck`, in ./aicq install), and the deploy scripts explain themselves.</summary>
public sealed class ShellScriptTests
{
    [Fact]
    public async Task EveryShellScript_IsShellcheckClean()
    {
        var scripts = await ShellScriptsAsync();
        Assert.Contains("aicq", scripts);
        Assert.Contains(".ci/run", scripts);
        Assert.Contains("scripts/lib/ui.sh", scripts);
        Assert.Contains("deploy/fly/alertmanager/entrypoint.sh", scripts);

        var result = await Run.CommandAsync("shellcheck", ["--format=gcc", .. scripts]);

        Assert.True(result.ExitCode == 0, $"shellcheck found problems in {scripts.Count} scripts:\n{result}");
    }

    /// <summary>Every tracked file named *.sh or starting with a sh/bash shebang (aicq, .ci/run, …).</summary>
    private static async Task<List<string>> ShellScriptsAsync()
    {
        var files = (await Run.CommandAsync("git", ["ls-files"])).AssertSuccess().Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return files.Where(f => f.EndsWith(".sh", StringComparison.Ordinal) || HasShellShebang(Path.Combine(Repo.Root, f))).ToList();
    }

    private static bool HasShellShebang(string path)
    {
        if (!File.Exists(path)) return false;
        using var reader = new StreamReader(path);
        var first = reader.ReadLine() ?? "";
        return first.StartsWith("#!", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(first, @"\b(ba|da)?sh\b");
    }

    [Theory]
    [InlineData("deploy/fly/render.sh", "deploy/fly/render.sh [--check] [--out DIR]")]
    [InlineData("deploy/backup/scheduled-backup.sh", "scheduled-backup.sh [--once] [--help]")]
    public async Task DeployScripts_HaveHelp(string script, string usage)
    {
        var result = (await Run.CommandAsync("bash", [Repo.PathOf(script.Split('/')), "--help"])).AssertSuccess();

        Assert.Contains(usage, result.Output);
    }
}
