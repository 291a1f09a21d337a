using Aicq.Monitoring.Tests.Support;

namespace Aicq.Monitoring.Tests.Grafana;

/// <summary>
/// Every PromQL expression of every provisioned dashboard, run verbatim against a Prometheus that
/// scraped the running API and exporters after real agent traffic: a panel that would stay empty
/// (a renamed metric, a wrong label, a recording rule nobody evaluates) fails here.
/// </summary>
[Collection(MonitoredApplianceCollection.Name)]
public sealed class LiveDashboardQueryTests(MonitoredAppliance appliance)
{
    /// <summary>
    /// Dashboards whose queries cannot return data here because they read a component these tests do not
    /// run. The test asserts that exactly their queries come back empty, so this cannot silently widen.
    /// </summary>
    private static readonly Dictionary<string, string> DashboardsNeedingTheEdge = new()
    {
        ["aicq-edge"] = "reads aicq_edge_* from the edge and the blackbox probe of the edge (src/Aicq.Edge is not run here)",
        ["aicq-slo"] = "the SLO is defined over the requests through the edge (aicq_edge_requests_total)",
    };

    [Fact]
    public async Task EveryPrometheusQuery_ReturnsData_AfterTraffic()
    {
        await appliance.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        await ApiTraffic.GenerateAsync(appliance.ApiBaseUrl);

        var queries = Dashboards.Queries.Where(q => q.DatasourceUid == Dashboards.PrometheusUid).ToArray();
        var expectedEmpty = queries.Where(q => DashboardsNeedingTheEdge.ContainsKey(q.Dashboard)).Select(Describe).Order().ToArray();
        Assert.Contains(queries, q => !DashboardsNeedingTheEdge.ContainsKey(q.Dashboard));

        // rate() needs two scrapes after the traffic (2 s apart) and the recording rules one evaluation more.
        string[] empty = [];
        var deadline = DateTime.UtcNow.AddSeconds(30);
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
