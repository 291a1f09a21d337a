namespace Aicq.Ops.Tests.Docs;

/// <summary>A fenced code block of a Markdown file; <see cref="NotRunReason"/> comes from a <c>&lt;!-- not-run: reason --&gt;</c> line just above it.</summary>
internal sealed record CodeBlock(string File, int Line, string Language, string Code, string? NotRunReason)
{
    public override string ToString() => $"{File}:{Line} ({Language})";
}

/// <summary>The code blocks of the README files, which are tests: C# is compiled, bash is run unless marked not-run.</summary>
internal static partial class ReadmeBlocks
{
    public static readonly string[] Files = ["README.md", "src/Aicq.Client/README.md"];

    public static TheoryData<string> FileNames() => [.. Files];

    public static IReadOnlyList<CodeBlock> Read(string file)
    {
        var lines = Repo.Read(file).Split('\n');
        var blocks = new List<CodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal)) continue;
            var start = i;
            var end = Array.FindIndex(lines, start + 1, l => l.TrimEnd() == "```");
            if (end < 0) throw new InvalidDataException($"{file}:{start + 1}: a code block is never closed");
            var marker = NotRun().Match(PreviousNonBlank(lines, start));
            blocks.Add(new CodeBlock(file, start + 1, lines[start][3..].Trim(), string.Join('\n', lines[(start + 1)..end]) + "\n",
                marker.Success ? marker.Groups[1].Value.Trim() : null));
            i = end;
        }
        return blocks;
    }

    private static string PreviousNonBlank(string[] lines, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (lines[i].Trim().Length > 0) return lines[i].Trim();
        }
        return "";
    }

    [GeneratedRegex(@"^<!-- not-run: (\S.*?) -->$")]
    private static partial Regex NotRun();
}
