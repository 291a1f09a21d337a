namespace Aicq.Bench.Options;

/// <summary>What <c>Aicq.Bench report</c> turns into a dated section of <c>docs/benchmarks.md</c>.</summary>
internal sealed record ReportOptions
{
    public required IReadOnlyList<string> ResultFiles { get; init; }
    public required string DocFile { get; init; }

    /// <summary>The commit measured, shown in the section heading.</summary>
    public string? Commit { get; init; }
}
