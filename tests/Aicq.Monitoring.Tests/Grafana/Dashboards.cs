namespace Aicq.Monitoring.Tests.Grafana;

internal sealed record DashboardQuery(string Dashboard, string Panel, string RefId, string DatasourceUid, string Expr);

/// <summary>
/// The provisioned dashboards and every query in them. The live-appliance test (every PromQL
/// expression returns data) reads <see cref="Queries"/> filtered to the Prometheus datasource.
/// </summary>
internal static class Dashboards
{
    public const string PrometheusUid = "prometheus";
    public const string LokiUid = "loki";

    public static IReadOnlyList<string> Files { get; } =
        Directory.GetFiles(Repo.PathOf("grafana", "dashboards"), "*.json").Order(StringComparer.Ordinal).ToArray();

    public static JsonElement Load(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        return document.RootElement.Clone();
    }

    /// <summary>Panels including those nested in collapsed rows.</summary>
    public static IEnumerable<JsonElement> Panels(JsonElement dashboard)
    {
        foreach (var panel in dashboard.GetProperty("panels").EnumerateArray())
        {
            yield return panel;
            if (panel.TryGetProperty("panels", out var nested))
            {
                foreach (var child in nested.EnumerateArray())
                    yield return child;
            }
        }
    }

    public static IReadOnlyList<DashboardQuery> Queries { get; } = Files.SelectMany(file =>
    {
        var dashboard = Load(file);
        var uid = dashboard.GetProperty("uid").GetString()!;
        return Panels(dashboard)
            .Where(panel => panel.TryGetProperty("targets", out _))
            .SelectMany(panel => panel.GetProperty("targets").EnumerateArray().Select(target => new DashboardQuery(
                uid,
                panel.GetProperty("title").GetString()!,
                target.GetProperty("refId").GetString()!,
                DatasourceUid(target) ?? DatasourceUid(panel) ?? "",
                target.TryGetProperty("expr", out var expr) ? expr.GetString() ?? "" : "")));
    }).ToArray();

    public static string? DatasourceUid(JsonElement element) =>
        element.TryGetProperty("datasource", out var datasource) && datasource.ValueKind == JsonValueKind.Object
            && datasource.TryGetProperty("uid", out var uid)
            ? uid.GetString()
            : null;
}
