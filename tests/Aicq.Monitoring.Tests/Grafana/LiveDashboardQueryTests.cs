namespace Aicq.Monitoring.Tests.Grafana;

/// <summary>
/// Every PromQL expression of every provisioned dashboard, run verbatim against a Prometheus that
/// scraped the running edge, API and exporters and the blackbox probe of the edge, after real agent
/// traffic through the edge (and abuse from a second address: 429s, then a block): a panel that would
/// stay empty (a renamed metric, a wrong label, a recording rule nobody evaluates) fails here.
/// </summary>
[Collection(MonitoredApplianceCollection.Name)]
public sealed class LiveDashboardQueryTests(MonitoredAppliance appliance)
{
    /// <summary>
    /// Queries (as <see cref="Describe"/> writes them) that cannot return data in a test of a few minutes,
    /// each with the reason. None: the 30-day SLO is an <c>avg_over_time</c> of the 5-minute ratio, which
    /// exists from the second scrape of the edge on, and every rate() window only needs two samples
    /// (2 s apart). The test asserts that exactly these come back empty, so the list cannot silently widen.
    /// </summary>
    private static readonly Dictionary<string, string> ExpectedEmpty = new();

    [Fact]
    public async Task EveryPrometheusQuery_ReturnsData_AfterTraffic()
    {
        await appliance.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        using (var agents = appliance.Edge.Client())
            await ApiTraffic.GenerateAsync(agents);
        using (var abuser = appliance.Edge.Client(MonitoredAppliance.AbuserAddress))
            await ApiTraffic.AbuseAsync(abuser);

        var queries = Dashboards.Queries.Where(q => q.DatasourceUid == Dashboards.PrometheusUid).ToArray();
        Assert.Equal(
            new[] { "aicq-dependencies", "aicq-edge", "aicq-overview", "aicq-slo" },
            queries.Select(q => q.Dashboard).Distinct().Order(StringComparer.Ordinal));
        Assert.All(ExpectedEmpty.Keys, key => Assert.Contains(key, queries.Select(Describe)));
        var expectedEmpty = ExpectedEmpty.Keys.Order().ToArray();

        // rate() needs two scrapes after the traffic (2 s apart) and the recording rules one evaluation
        // more; the SLO ratios are recording rules over recording rules. Generous: the machine may be busy.
        string[] empty = [];
        var deadline = DateTime.UtcNow.AddSeconds(60);
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var results = await Task.WhenAll(queries.Select(async q => (Query: q, Samples: await appliance.Prometheus.QueryAsync(q.Expr))));
            // NaN (a quantile or ratio over no increase) draws nothing in Grafana either.
            empty = results.Where(r => r.Samples.All(s => s.Value == "NaN")).Select(r => Describe(r.Query)).Order().ToArray();
        }
        while (!empty.SequenceEqual(expectedEmpty) && DateTime.UtcNow < deadline);

        Assert.Equal(expectedEmpty, empty);
    }

    private static string Describe(DashboardQuery query) => $"{query.Dashboard} / {query.Panel} / {query.RefId}: {query.Expr}";
}
