using System.Globalization;
using System.Text.Json;
using Aicq.StatusPage.Components;
using Aicq.StatusPage.History;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// Asks Prometheus (STATUS_PROMETHEUS_URL) what the blackbox probe, job <c>blackbox-edge</c>, saw of the public edge
/// during a gap in the status page's own checks: the worst <c>probe_success</c>, the slowest
/// <c>probe_duration_seconds</c> and the highest <c>probe_http_status_code</c> per step (<see cref="GapEvidence"/>). A Prometheus that is not configured,
/// unreachable or without data over the gap adds nothing: the gap stays unknown.
/// </summary>
internal sealed partial class BlackboxEvidence(
    HttpClient http, Uri? prometheusUrl, TimeSpan timeout, TimeSpan slowResponse, TimeSpan checkInterval, ILogger<BlackboxEvidence> logger)
{
    public const string Job = "blackbox-edge";
    private const int MaxBodyBytes = 1024 * 1024;

    /// <summary>The gaps with the edge's gap carrying the probe's evidence; the others unchanged.</summary>
    public async Task<IReadOnlyList<CheckGap>> AddAsync(IReadOnlyList<CheckGap> gaps, CancellationToken cancellationToken)
    {
        if (prometheusUrl is null) return gaps;
        var result = new List<CheckGap>(gaps.Count);
        foreach (var gap in gaps)
            // In outage on both sides the gap is down already; nothing the probe says would change that.
            result.Add(gap.Component == Catalog.Edge && !gap.DownThroughout ? gap with { Probe = await SpansAsync(gap, cancellationToken) } : gap);
        return result;
    }

    private async Task<IReadOnlyList<EvidenceSpan>> SpansAsync(CheckGap gap, CancellationToken cancellationToken)
    {
        var step = GapEvidence.Step(gap, checkInterval);
        if (GapEvidence.PointCount(gap, step) == 0) return [];
        var range = $"[{step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s]";
        var success = await QueryAsync($"min_over_time(probe_success{{job=\"{Job}\"}}{range})", gap, step, cancellationToken);
        var (duration, status) = success is { Count: > 0 }
            ? (await QueryAsync($"max_over_time(probe_duration_seconds{{job=\"{Job}\"}}{range})", gap, step, cancellationToken),
                await QueryAsync($"max_over_time(probe_http_status_code{{job=\"{Job}\"}}{range})", gap, step, cancellationToken))
            : (null, null);
        if (success is null || duration is null || status is null)
        {
            LogNoEvidence(logger, Format.Iso(gap.From), Format.Iso(gap.To), success is null || success.Count > 0 ? "Prometheus did not answer the query" : "Prometheus has no probe results");
            return [];
        }
        var points = success.Where(s => duration.ContainsKey(s.Key) && status.ContainsKey(s.Key))
            .Select(s => new ProbePoint(s.Key.At, s.Value, duration[s.Key], status[s.Key]));
        return GapEvidence.Spans(points, step, slowResponse);
    }

    /// <summary>Each (series, point) of a range query over the gap, or null when Prometheus did not answer it.</summary>
    private async Task<Dictionary<(string Series, DateTimeOffset At), double>?> QueryAsync(
        string query, CheckGap gap, TimeSpan step, CancellationToken cancellationToken)
    {
        var start = gap.From + step;
        var url = new Uri(prometheusUrl!, "api/v1/query_range?query=" + Uri.EscapeDataString(query)
            + $"&start={Unix(start)}&end={Unix(gap.To)}&step={step.TotalSeconds.ToString(CultureInfo.InvariantCulture)}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentLength > MaxBodyBytes) return null;
            await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: deadline.Token);
            return Points(document.RootElement, start, step);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException or JsonException
            or InvalidOperationException or KeyNotFoundException or FormatException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>A matrix answer's samples, each placed on its query point (Prometheus reports them in float seconds).</summary>
    private static Dictionary<(string, DateTimeOffset), double> Points(JsonElement root, DateTimeOffset start, TimeSpan step)
    {
        if (root.GetProperty("status").GetString() != "success" || root.GetProperty("data").GetProperty("resultType").GetString() != "matrix")
            throw new InvalidOperationException("not a matrix");
        var points = new Dictionary<(string, DateTimeOffset), double>();
        foreach (var series in root.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var name = series.GetProperty("metric").GetRawText();
            foreach (var value in series.GetProperty("values").EnumerateArray())
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(value[0].GetDouble() * 1000));
                var index = Math.Round((at - start) / step);
                points[(name, start + index * step)] = double.Parse(value[1].GetString()!, CultureInfo.InvariantCulture);
            }
        }
        return points;
    }

    private static string Unix(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    [LoggerMessage(EventName = "gap_evidence_missing", Level = LogLevel.Warning,
        Message = "No blackbox probe evidence for the gap in the checks from {from} to {to} ({reason}): it stays unknown")]
    private static partial void LogNoEvidence(ILogger logger, string from, string to, string reason);
}
