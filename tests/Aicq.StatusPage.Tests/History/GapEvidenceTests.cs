namespace Aicq.StatusPage.Tests.History;

/// <summary>How the blackbox probe's results over a gap become spans, states and check rows; what it has no result for stays unknown.</summary>
public sealed class GapEvidenceTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);
    private static readonly DateTimeOffset From = Samples.Now;
    private static readonly CheckGap Gap = new(Catalog.Edge, From, From.AddMinutes(5), ComponentState.Operational, ComponentState.Operational);

    [Fact]
    public void Step_IsTheCheckInterval_OrLongerSoThatTheGapTakesAtMostMaxPoints()
    {
        Assert.Equal(Interval, GapEvidence.Step(Gap, Interval));
        Assert.Equal(10, GapEvidence.PointCount(Gap, Interval));
        var twoDays = Gap with { To = From.AddDays(2) };
        Assert.Equal(TimeSpan.FromSeconds(173), GapEvidence.Step(twoDays, Interval));
        Assert.InRange(GapEvidence.PointCount(twoDays, GapEvidence.Step(twoDays, Interval)), 1, GapEvidence.MaxPoints);
    }

    [Fact]
    public void ConsecutivePointsOfOneState_AreOneSpan_EndingAtTheirPoints()
    {
        var spans = GapEvidence.Spans([Point(1, 1), Point(2, 0), Point(3, 0), Point(4, 1), Point(5, 1)], Interval, Samples.Slow);
        Assert.Equal(
        [
            new EvidenceSpan(From, At(1), ComponentState.Operational),
            new EvidenceSpan(At(1), At(3), ComponentState.Outage),
            new EvidenceSpan(At(3), At(5), ComponentState.Operational),
        ], spans);
    }

    [Fact]
    public void PointsWithoutResults_SplitSpans_AndAreNoEvidence()
    {
        var spans = GapEvidence.Spans([Point(1, 0), Point(4, 0)], Interval, Samples.Slow);
        Assert.Equal([new EvidenceSpan(From, At(1), ComponentState.Outage), new EvidenceSpan(At(3), At(4), ComponentState.Outage)], spans);
        var rows = GapEvidence.Rows(Gap, spans, Interval);
        Assert.Equal([(At(1), ComponentState.Outage), (At(4), ComponentState.Outage)], rows);
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0, 0.0, ComponentState.Outage)]
    [InlineData(0.0, 1.0, 0.0, 200.0, ComponentState.Degraded)]
    [InlineData(1.0, 1.0, 200.0, 200.0, ComponentState.Operational)]
    public void OnlyEveryTargetFailing_IsAnOutage(double first, double second, double firstStatus, double secondStatus, ComponentState state)
    {
        var points = new[] { new ProbePoint(At(1), first, 0.1, firstStatus), new ProbePoint(At(1), second, 0.1, secondStatus) };
        Assert.Equal(state, Assert.Single(GapEvidence.Spans(points, Interval, Samples.Slow)).State);
    }

    [Fact]
    public void FailingOnAnHttpAnswer_IsDegraded_NotAnOutage()
    {
        // The edge answered (its own 503, or the API's forwarded one): the page's check would not have called that an outage.
        var span = Assert.Single(GapEvidence.Spans([new ProbePoint(At(1), 0, 0.1, 503)], Interval, Samples.Slow));
        Assert.Equal(ComponentState.Degraded, span.State);
    }

    [Fact]
    public void SuccessSlowerThanTheSlowResponseThreshold_IsDegraded_AsThePageWouldHaveSaid()
    {
        var span = Assert.Single(GapEvidence.Spans([new ProbePoint(At(1), 1, Samples.Slow.TotalSeconds, 200)], Interval, Samples.Slow));
        Assert.Equal(ComponentState.Degraded, span.State);
    }

    [Fact]
    public void Rows_StandOneIntervalEach_AtThePlacesAnOutageFillTakes_NeverOnTheChecksAroundTheGap()
    {
        var spans = GapEvidence.Spans(Enumerable.Range(1, 10).Select(i => Point(i, i <= 4 ? 0 : 1)), Interval, Samples.Slow);
        var rows = GapEvidence.Rows(Gap, spans, Interval);
        // 12 checks' worth in 5 min: the check before, 9 places in between, the check after (at the gap's end).
        Assert.Equal(Enumerable.Range(1, 9).Select(i => At(i)), rows.Select(r => r.At));
        Assert.Equal(4, rows.Count(r => r.State == ComponentState.Outage));
        Assert.Equal(5, rows.Count(r => r.State == ComponentState.Operational));
    }

    [Fact]
    public void OnlyAFullOutageSeenByTheProbe_IsEvidenceForAnIncident()
    {
        Assert.False(Gap.HasOutageEvidence);
        Assert.False((Gap with { Probe = [new EvidenceSpan(From, At(2), ComponentState.Degraded)] }).HasOutageEvidence);
        Assert.True((Gap with { Probe = [new EvidenceSpan(From, At(2), ComponentState.Outage)] }).HasOutageEvidence);
    }

    private static DateTimeOffset At(int point) => From + point * Interval;

    private static ProbePoint Point(int point, double success) => new(At(point), success, 0.05, success >= 1 ? 200 : 0);
}
