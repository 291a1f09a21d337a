using Aicq.Ops.Tests.Support;

namespace Aicq.Ops.Tests.Launcher;

/// <summary>Every shell script in the repository passes shellcheck (Debian's `shellcheck`, in ./aicq install), and the deploy scripts explain themselves.</summary>
public sealed class ShellScriptTests
{
    [Fact]
    public async Task EveryShellScript_IsShellcheckClean()
    {
        var scripts = (await Run.CommandAsync("git", ["ls-files", "*.sh"])).AssertSuccess().Output
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        Assert.Contains("deploy/fly/alertmanager/entrypoint.sh", scripts);

        var result = await Run.CommandAsync("shellcheck", ["aicq", ".ci/run", .. scripts]);

        Assert.True(result.ExitCode == 0, result.ToString());
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
