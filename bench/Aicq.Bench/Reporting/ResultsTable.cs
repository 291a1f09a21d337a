using System.Globalization;
using System.Text;

namespace Aicq.Bench.Reporting;

/// <summary>The results as a Markdown table, the same on the console and in <c>docs/benchmarks.md</c>.</summary>
internal static class ResultsTable
{
    public static string Render(IEnumerable<ScenarioResult> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| Scenario | Connections | req/s (2xx) | p50 ms | p99 ms | p99.9 ms | non-2xx | errors | API CPU % | API JIT s | bench / pg / redis CPU % | core busy % | API peak RSS MB |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|");
        foreach (var r in rows)
        {
            var cores = string.Join(" / ", r.CoreBusyPercent.OrderBy(c => c.Key).Select(c => $"{c.Key}: {N(c.Value, 0)}"));
            var loadSide = string.Join(" / ", new[] { N(r.LoadGeneratorCpuPercent, 0), Dependency(r, "postgres"), Dependency(r, "redis") });
            var nonSuccess = r.NonSuccessTotal == 0 ? "0" : $"{r.NonSuccessTotal} ({string.Join(", ", r.NonSuccess.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"))})";
            text.AppendLine(
                $"| {r.Scenario}{(r.RanOut ? " (ran out of pre-signed requests)" : "")} | {r.Connections} | {N(r.RequestsPerSecond, 0)} | " +
                $"{N(r.Latency.P50, 2)} | {N(r.Latency.P99, 2)} | {N(r.Latency.P999, 2)} | {nonSuccess} | {r.Errors} | {Opt(r.ApiCpuPercent, 0)} | {Opt(r.ApiJitSeconds, 2)} | {loadSide} | {cores} | {Opt(r.ApiPeakRssMb, 1)} |");
        }
        return text.ToString();
    }

    public static string N(double value, int decimals) => value.ToString("N" + decimals, CultureInfo.InvariantCulture);

    private static string Dependency(ScenarioResult r, string name) =>
        r.DependencyCpuPercent.TryGetValue(name, out var percent) ? N(percent, 0) : "n/a";

    private static string Opt(double? value, int decimals) => value is null ? "n/a" : N(value.Value, decimals);
}
