namespace Aicq.Ops.Tests.Docs;

/// <summary>Every README's C# blocks compile, without errors or warnings, as one program against Aicq.Client (see <see cref="ReadmeProgram"/>).</summary>
public sealed class ReadmeCSharpTests
{
    [Theory]
    [MemberData(nameof(ReadmeBlocks.FileNames), MemberType = typeof(ReadmeBlocks))]
    public void ReadmeCSharpBlocks_CompileAgainstAicqClient(string file)
    {
        var problems = ReadmeProgram.Problems(ReadmeProgram.Compile(file));
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
