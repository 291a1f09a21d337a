using System.Text;
using static Aicq.Bench.Reporting.ResultsTable;

namespace Aicq.Bench.Reporting;

/// <summary>The rows of <c>Aicq.Bench edge</c> as a Markdown table, the same on the console and in the doc.</summary>
internal static class ViaTable
{
    public static string Render(IEnumerable<ViaResult> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| Via | Load | Connections | req/s (2xx) | p50 ms | p99 ms | p99.9 ms | non-2xx | errors | API CPU % | proxy CPU % | bench CPU % | core busy % | proxy peak RSS MB |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
        foreach (var r in rows)
        {
            var cores = string.Join(" / ", r.CoreBusyPercent.OrderBy(c => c.Key).Select(c => $"{c.Key}: {N(c.Value, 0)}"));
            var nonSuccess = r.NonSuccess.Count == 0 ? "0" : string.Join(", ", r.NonSuccess.OrderBy(s => s.Key).Select(s => $"{s.Key}×{s.Value}"));
            text.AppendLine(
                $"| {r.Via} | {(r.Rate is { } rate ? $"open, {N(rate, 0)}/s" : "closed")} | {r.Connections} | {N(r.RequestsPerSecond, 0)} | " +
                $"{N(r.Latency.P50, 2)} | {N(r.Latency.P99, 2)} | {N(r.Latency.P999, 2)} | {nonSuccess} | {r.Errors} | {Opt(r.ApiCpuPercent, 0)} | {Opt(r.ProxyCpuPercent, 0)} | " +
                $"{N(r.LoadGeneratorCpuPercent, 0)} | {cores} | {Opt(r.ProxyPeakRssMb, 1)} |");
        }
        return text.ToString();
    }

    private static string Opt(double? value, int decimals) => value is null ? "–" : N(value.Value, decimals);
}
