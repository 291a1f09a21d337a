namespace Aicq.Ops.Tests.Docs;

/// <summary>
/// No README block escapes its test unseen: each is C# (compiled and run), bash (run), or marked
/// <c>&lt;!-- not-run: reason --&gt;</c> (operator commands, sample output); C# is never exempt.
/// </summary>
public sealed class ReadmeBlockRulesTests
{
    [Theory]
    [MemberData(nameof(ReadmeBlocks.FileNames), MemberType = typeof(ReadmeBlocks))]
    public void EveryReadmeBlock_IsCSharpOrBash_OrMarkedNotRun_AndCSharpNeverIs(string file)
    {
        var blocks = ReadmeBlocks.Read(file);
        Assert.NotEmpty(blocks);
        Assert.All(blocks, block => Assert.True(block.Language is "csharp" or "bash" || block.NotRunReason is not null,
            $"{block}: label the block csharp (compiled and run) or bash (run), or mark it <!-- not-run: reason -->"));
        Assert.All(blocks.Where(b => b.Language == "csharp"), block => Assert.True(block.NotRunReason is null,
            $"{block}: C# blocks are always compiled and run; not-run is for bash and other text"));
    }

    [Fact]
    public void NotRunReadmeBlocks_AreNoAgentExamples()
    {
        // An agent example talks to the edge; marking one not-run would hide exactly what this test is for.
        var hidden = ReadmeBlocks.Files.SelectMany(ReadmeBlocks.Read)
            .Where(b => b.NotRunReason is not null && (b.Code.Contains("$AICQ", StringComparison.Ordinal) || b.Code.Contains(":8443", StringComparison.Ordinal)))
            .ToList();
        Assert.True(hidden.Count == 0, $"agent examples marked not-run: {string.Join(", ", hidden)}");
    }
}
