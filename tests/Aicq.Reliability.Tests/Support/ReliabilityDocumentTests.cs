namespace Aicq.Reliability.Tests.Support;

/// <summary>The document the suites regenerate keeps every suite's rows across partial runs.</summary>
public sealed class ReliabilityDocumentTests
{
    [Fact]
    public void Render_ThenParse_KeepsRowsPerSuite_AndEscapesPipes()
    {
        var document = new ReliabilityDocument();
        document.Upsert(ReliabilitySuite.Faults, new ReliabilityRow("redis killed (run 1)", "503 fast", "p99 3 ms | 0 × 5xx", "pass", "full", "2026-11-23 10:00 UTC"));
        document.Upsert(ReliabilitySuite.Load, new ReliabilityRow("steady", "0 × 5xx", "0 × 5xx", "pass", "bounded", "2026-11-23 10:05 UTC"));

        var parsed = ReliabilityDocument.Parse(document.Render());

        Assert.Equal("p99 3 ms | 0 × 5xx", Assert.Single(parsed.Rows(ReliabilitySuite.Faults)).Measured);
        Assert.Equal("steady", Assert.Single(parsed.Rows(ReliabilitySuite.Load)).Case);
        Assert.Empty(parsed.Rows(ReliabilitySuite.Abuse));
        Assert.Contains("_Not measured yet._", parsed.Render());
    }

    [Fact]
    public void Upsert_ReplacesTheSameCase_InPlace()
    {
        var document = new ReliabilityDocument();
        document.Upsert(ReliabilitySuite.Abuse, new ReliabilityRow("a", "x", "1", "pass", "bounded", "d1"));
        document.Upsert(ReliabilitySuite.Abuse, new ReliabilityRow("b", "x", "2", "pass", "bounded", "d1"));
        document.Upsert(ReliabilitySuite.Abuse, new ReliabilityRow("a", "x", "3", "**FAIL**", "full", "d2"));

        var rows = ReliabilityDocument.Parse(document.Render()).Rows(ReliabilitySuite.Abuse);

        Assert.Equal(["a", "b"], rows.Select(r => r.Case));
        Assert.Equal("3", rows[0].Measured);
        Assert.Equal("**FAIL**", rows[0].Result);
    }
}
