using Xunit.Abstractions;

namespace Aicq.Ops.Tests.Docs;

/// <summary>
/// The README examples run as a reader runs them, in an empty directory, against an edge and API of the test's own
/// (<see cref="EdgeAppliance.PointAt"/> is the one rewrite). Bash blocks run in order in one shell; a block marked
/// <c>&lt;!-- not-run: reason --&gt;</c> is skipped and listed in the output. The C# blocks of a file run as one
/// program. Everything that runs must exit 0 and print no <c>"error"</c> body.
/// </summary>
public sealed class ReadmeRunTests(EdgeAppliance appliance, ITestOutputHelper output) : IClassFixture<EdgeAppliance>
{
    [Fact]
    public async Task ReadmeBashBlocks_RunAgainstATestEdge()
    {
        var ran = 0;
        foreach (var file in ReadmeBlocks.Files)
        {
            var blocks = ReadmeBlocks.Read(file).Where(b => b.Language == "bash").ToList();
            foreach (var skipped in blocks.Where(b => b.NotRunReason is not null)) output.WriteLine($"not run: {skipped}: {skipped.NotRunReason}");
            var runnable = blocks.Where(b => b.NotRunReason is null).ToList();
            if (runnable.Count == 0) continue;

            var script = new StringBuilder("set -euo pipefail\n");
            foreach (var block in runnable) script.Append($"printf '\\n::: %s\\n' '{block}'\n").Append(appliance.PointAt(block));
            var directory = TestState.NewDirectory("readme-bash");
            var path = Path.Combine(directory, "readme.sh");
            await File.WriteAllTextAsync(path, script.ToString());
            AssertRanCleanly(file, "bash blocks (the last '::: file:line' is the one that failed)",
                await Run.CommandAsync("bash", [path], workingDirectory: directory, timeout: TimeSpan.FromMinutes(1)));
            ran += runnable.Count;
        }
        Assert.True(ran > 0, "no README bash block ran");
    }

    [Theory]
    [MemberData(nameof(ReadmeBlocks.FileNames), MemberType = typeof(ReadmeBlocks))]
    public async Task ReadmeCSharpBlocks_RunAgainstATestEdge(string file)
    {
        var compilation = ReadmeProgram.Compile(file, appliance.PointAt);
        AssertRanCleanly(file, "C# blocks", await ReadmeProgram.RunAsync(compilation, TestState.NewDirectory("readme-csharp")));
    }

    private void AssertRanCleanly(string file, string what, RunResult result)
    {
        output.WriteLine(result.ToString());
        Assert.True(result.ExitCode == 0, $"{file}'s {what} failed:\n{result}");
        Assert.False(result.Output.Contains("\"error\"", StringComparison.Ordinal), $"{file}'s {what} printed an error body:\n{result}");
    }
}
