namespace Aicq.Ops.Tests.Docs;

/// <summary>
/// The README files beyond the agent ones hold operators' commands (starting servers on fixed ports, deploying,
/// benchmarking), which no test may run against this machine. Each of their blocks says so with a visible
/// <c>&lt;!-- not-run: reason --&gt;</c>, and every shell block in every README, run or not, at least parses.
/// </summary>
public sealed class ReadmeOperatorBlocksTests
{
    /// <summary>Every README in the repository that <see cref="ReadmeBlocks.Files"/> does not run.</summary>
    public static TheoryData<string> OperatorFiles() => [.. OperatorFileList()];

    private static List<string> OperatorFileList() =>
        // Dot folders (.git, the .aicq state) count as hidden and are not walked.
        Directory.EnumerateFiles(Repo.Root, "README.md", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.Hidden })
            .Select(path => Path.GetRelativePath(Repo.Root, path))
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
            .Except(ReadmeBlocks.Files)
            .Order(StringComparer.Ordinal)
            .ToList();

    [Theory]
    [MemberData(nameof(OperatorFiles))]
    public void OperatorReadmeBlocks_AreEachMarkedNotRun_WithTheirReason(string file)
    {
        var unmarked = ReadmeBlocks.Read(file).Where(b => b.NotRunReason is null).ToList();
        Assert.True(unmarked.Count == 0,
            "blocks that no test runs must say why with '<!-- not-run: reason -->': " + string.Join(", ", unmarked));
    }

    [Fact]
    public async Task EveryReadmeShellBlock_ParsesAsBash()
    {
        var files = ReadmeBlocks.Files.Concat(OperatorFileList());
        var shell = files.SelectMany(ReadmeBlocks.Read).Where(b => b.Language is "bash" or "sh").ToList();
        Assert.NotEmpty(shell);
        var directory = TestState.NewDirectory("readme-parse");
        var broken = new List<string>();
        foreach (var block in shell)
        {
            var path = Path.Combine(directory, "block.sh");
            await File.WriteAllTextAsync(path, block.Code);
            var result = await Run.CommandAsync("bash", ["-n", path]);
            if (result.ExitCode != 0) broken.Add($"{block}: {result.Output.Trim()}");
        }
        Assert.True(broken.Count == 0, "README shell blocks that do not parse:\n" + string.Join("\n", broken));
    }
}
