using System.Text;
using System.Text.RegularExpressions;
using Aicq.Ops.Tests.Support;
using Aicq.Testing;
using Xunit.Abstractions;

namespace Aicq.Ops.Tests.Docs;

/// <summary>
/// The bash blocks of a README run as a reader runs them: in order, in one shell, in an empty directory, against
/// an edge and API of the test's own. The one rewrite: the documented defaults <c>https://127.0.0.1:8443</c> and
/// <c>.aicq/tls/ca.crt</c> become the test edge's URL and CA. A block marked <c>&lt;!-- not-run: reason --&gt;</c>
/// is skipped (and listed in the output); every other must exit 0 and print no <c>"error"</c> body.
/// </summary>
public sealed partial class ReadmeShellTests(EdgeAppliance appliance, ITestOutputHelper output) : IClassFixture<EdgeAppliance>
{
    private const string DefaultUrl = "https://127.0.0.1:8443";
    private const string DefaultCa = ".aicq/tls/ca.crt";

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

            var result = await RunInOneShellAsync(runnable);
            output.WriteLine(result.ToString());
            Assert.True(result.ExitCode == 0, $"{file}'s bash blocks failed (the last '::: {file}:N' line is the block):\n{result}");
            Assert.False(result.Output.Contains("\"error\"", StringComparison.Ordinal), $"{file}'s bash blocks printed an error body:\n{result}");
            ran += runnable.Count;
        }
        Assert.True(ran > 0, "no README bash block ran");
    }

    private async Task<RunResult> RunInOneShellAsync(IReadOnlyList<CodeBlock> blocks)
    {
        var script = new StringBuilder("set -euo pipefail\n");
        foreach (var block in blocks)
        {
            var code = block.Code.Replace(DefaultUrl, appliance.Edge.HttpsUrl, StringComparison.Ordinal)
                .Replace(DefaultCa, appliance.Tls.CaPath, StringComparison.Ordinal);
            var elsewhere = LoopbackAddress().Matches(code).Select(m => m.Value).Where(a => !appliance.Edge.HttpsUrl.EndsWith(a, StringComparison.Ordinal)).ToList();
            Assert.True(elsewhere.Count == 0,
                $"{block} names {string.Join(", ", elsewhere)}, which the test cannot point at its own servers: use $AICQ, or mark the block not-run");
            script.Append($"printf '\\n::: %s\\n' '{block.File}:{block.Line}'\n").Append(code);
        }
        var directory = TestState.NewDirectory("readme-shell");
        var path = Path.Combine(directory, "readme.sh");
        await File.WriteAllTextAsync(path, script.ToString());
        return await Run.CommandAsync("bash", [path], workingDirectory: directory, timeout: TimeSpan.FromMinutes(1));
    }

    [GeneratedRegex(@"(?:127\.0\.0\.1|localhost):\d+")]
    private static partial Regex LoopbackAddress();
}
