using System.Globalization;
using System.Text;
using Aicq.Bench.Options;

namespace Aicq.Bench.Reporting;

/// <summary>
/// Writes a dated section (machine, setup, results table, targets) into <c>docs/benchmarks.md</c>, newest
/// first below a marker line; earlier sections stay for comparison.
/// </summary>
internal static class BenchmarksDoc
{
    public const string Marker = "<!-- bench/run.sh inserts new runs below this line, newest first -->";

    private const string Header = $"""
        # Benchmarks

        Load benchmarks of the AICQ API, pinned to one core with a 256 MB GC heap like production's one shared
        CPU with 512 MB. How they run, what each scenario measures and the targets: [`bench/README.md`](../bench/README.md).
        Each run of `bench/run.sh` adds a dated section below; the target verdicts are computed from the
        measured numbers, not written by hand.

        {Marker}
        """;

    public static IReadOnlyList<TargetCheck> Update(ReportOptions options)
    {
        var runs = options.ResultFiles.Select(BenchResults.Load).ToList();
        var rows = runs.SelectMany(r => r.Scenarios).ToList();
        var via = runs.SelectMany(r => r.Via ?? []).ToList();
        var targets = via.Count > 0 ? EdgeTargets.Evaluate(via) : Targets.Evaluate(rows);
        var section = via.Count > 0 ? EdgeSection(runs[0], via, targets, options.Commit) : Section(runs, rows, targets, options.Commit);

        var existing = File.Exists(options.DocFile) ? File.ReadAllText(options.DocFile) : Header + "\n";
        var at = existing.IndexOf(Marker, StringComparison.Ordinal);
        string updated;
        if (at < 0)
        {
            updated = existing.TrimEnd() + "\n\n" + Marker + "\n\n" + section.TrimEnd() + "\n";
        }
        else
        {
            var older = existing[(at + Marker.Length)..].Trim('\n');
            updated = existing[..(at + Marker.Length)] + "\n\n" + section.TrimEnd() + "\n" + (older.Length > 0 ? "\n" + older + "\n" : "");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(options.DocFile)!);
        File.WriteAllText(options.DocFile, updated);
        return targets;
    }

    private static string EdgeSection(BenchResults run, IReadOnlyList<ViaResult> rows, IReadOnlyList<TargetCheck> targets, string? commit)
    {
        var setup = run.ProxySetup;
        var text = new StringBuilder();
        Heading(text, run, commit, "edge vs direct vs nginx");
        var core = setup?.ProxyCore is { } c ? $"pinned to core {c} (`taskset -c {c}`), the API's core, so the proxy's work and the API's share one core" : "not pinned";
        var edgeEnv = setup is null ? "" : string.Join(", ", setup.EdgeEnvironment.OrderBy(e => e.Key).Select(e => $"`{e.Key}={e.Value}`"));
        text.AppendLine($"- **Proxies:** HTTPS with the certificate of `Aicq.Edge --make-dev-cert` (the bench trusts its CA only), each {core}, started fresh for its rows. " +
                        $"**edge** (Release): {edgeEnv}; Redis is the bench's (core {run.Api.DepsCore?.ToString(CultureInfo.InvariantCulture) ?? "any"}). " +
                        "**edge-no-limits**: the same with `RATE_LIMIT_ENABLED=false`. " +
                        "**bare-yarp**: `bench/Aicq.Bench.BareProxy` with the edge's environment: Kestrel with the same TLS settings and YARP forwarding to the API, and nothing else. " +
                        $"**nginx** {NginxVersion()}: {setup?.Nginx}.");
        if (setup?.ProxyJitWarmupSeconds is { Count: > 0 } warm)
            text.AppendLine($"- **Warm-up:** API {run.JitWarmup.Seconds:0} s of paced requests; each edge {string.Join(", ", warm.Select(w => $"{w.Key} {w.Value:0} s"))} " +
                            $"of paced requests through it (at most --proxy-jit-warmup, until its JIT settled); nginx none (the API behind it was warm). Then {rows[0].WarmupSeconds:0} s closed-loop warm-up before every measured step.");
        text.AppendLine($"- **Load generator:** this bench on {run.LoadGeneratorCores} core{(run.LoadGeneratorCores == 1 ? "" : "s")}" +
                        $"{(run.Api.DepsCore is { } deps ? $" (core {deps}, shared with PostgreSQL and Redis)" : "")}, HTTP/1.1, one connection per worker. " +
                        $"\"closed\" rows are closed loops; \"open\" rows send at a fixed rate " +
                        $"{(setup?.RateFraction is { } f ? $"({N(f * 100, 0)} % of direct's closed-loop req/s at {rows[0].Connections} connections) " : "")}" +
                        "with at most that many connections in flight, timing each request from its due time. Load average " +
                        $"{run.Machine.LoadAverage} before, {run.LoadAverageAfter} after.");
        text.AppendLine();
        text.Append(ViaTable.Render(rows));
        text.AppendLine();
        text.AppendLine("req/s and latencies count 2xx responses only. CPU % is of one core; \"proxy CPU\" is the edge's (or the bare proxy's) process or nginx's one worker. " +
                        "\"core busy\" counts every process on that core. Proxy peak RSS is VmHWM/VmRSS over warm-up and measurement of that step.");
        AppendTargets(text, targets);
        if (EdgeTargets.Floor(rows) is { } floor) text.AppendLine(floor).AppendLine();
        return text.ToString();
    }

    private static void Heading(StringBuilder text, BenchResults first, string? commit, string? title = null)
    {
        var machine = first.Machine;
        var date = first.StartedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        text.AppendLine($"## {date}{(title is null ? "" : $" · {title}")}{(commit is null ? "" : $" · commit {commit}")}");
        text.AppendLine();
        text.AppendLine($"- **Machine:** `nproc --all` = {machine.Cpus}, CPU {machine.CpuModel}, {machine.MemoryMb} MB RAM, " +
                        $"Linux {machine.Kernel}, {machine.Runtime}.");
        text.AppendLine($"- **API:** {DescribeApi(first)}");
    }

    private static void AppendTargets(StringBuilder text, IReadOnlyList<TargetCheck> targets)
    {
        text.AppendLine();
        text.AppendLine("| Target | Measured | Result |");
        text.AppendLine("|---|---|---|");
        foreach (var target in targets)
            text.AppendLine($"| {target.Target} | {target.Measured} | {Verdict(target.Status)} |");
        text.AppendLine();
    }

    private static string NginxVersion()
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("nginx", "-v") { RedirectStandardError = true, UseShellExecute = false });
            var version = process?.StandardError.ReadToEnd().Trim().Replace("nginx version: ", "", StringComparison.Ordinal);
            process?.WaitForExit();
            return string.IsNullOrEmpty(version) ? "" : $"({version})";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }

    private static string N(double value, int decimals) => ResultsTable.N(value, decimals);

    private static string Section(IReadOnlyList<BenchResults> runs, IReadOnlyList<ScenarioResult> rows, IReadOnlyList<TargetCheck> targets, string? commit)
    {
        var first = runs[0];
        var text = new StringBuilder();
        Heading(text, first, commit);
        text.AppendLine($"- **Load generator:** this bench, closed loop over HTTP/1.1, on {first.LoadGeneratorCores} core{(first.LoadGeneratorCores == 1 ? "" : "s")}" +
                        $"{(first.Api.DepsCore is { } deps ? $" (core {deps}, shared with PostgreSQL and Redis)" : "")}.");
        foreach (var run in runs)
        {
            var scenarios = run.Scenarios;
            if (scenarios.Count == 0) continue;
            text.AppendLine($"- **Run at {scenarios[0].Connections} connections:** {DescribeJitWarmup(run.JitWarmup)}, then per scenario warm-up {scenarios[0].WarmupSeconds:0} s, measured " +
                            $"{scenarios[0].DurationSeconds:0} s per scenario; load average {run.Machine.LoadAverage} before, {run.LoadAverageAfter} after " +
                            "(other work on the machine shares these cores).");
        }
        text.AppendLine();
        text.Append(ResultsTable.Render(rows));
        text.AppendLine();
        text.AppendLine("req/s and latencies count 2xx responses only; non-2xx responses are counted by status, errors are failed connections or timeouts. " +
                        "CPU % is of one core (100 = one core fully busy); \"API JIT s\" is the time the API's JIT compiled during the window " +
                        "(near 0 means it ran optimised code throughout); \"core busy\" counts every process on that core. " +
                        "Peak RSS is the API's VmHWM/VmRSS over warm-up and measurement.");
        var notes = rows.Where(r => r.Note is not null).Select(r => $"- {r.Scenario} at {r.Connections} connections: {r.Note}.").ToList();
        if (notes.Count > 0) text.AppendLine().AppendJoin('\n', notes).AppendLine();
        AppendTargets(text, targets);
        return text.ToString();
    }

    private static string DescribeApi(BenchResults run)
    {
        var api = run.Api;
        if (!api.StartedByBench) return $"already running at {api.Url}{(api.MemoryNote is null ? "" : $"; memory {api.MemoryNote}")}.";
        var pinned = api.ApiCore is { } core ? $"pinned to core {core} (`taskset -c {core}`)" : "not pinned";
        var environment = api.Environment is null ? "" : string.Join(", ", api.Environment.OrderBy(e => e.Key).Select(e => $"`{e.Key}={e.Value}`"));
        return $"Release build started by the bench with throwaway PostgreSQL and Redis, {pinned}; {environment}" +
               $" (the long signature window lets requests signed before the timed run stay valid){(api.IdleRssMb is { } idle ? $"; idle RSS after start {idle:0.0} MB" : "")}.";
    }

    private static string DescribeJitWarmup(JitWarmupResult warmup) => warmup.Seconds <= 0
        ? "no JIT warm-up (a cold API)"
        : $"JIT warm-up {warmup.Seconds:0} s of paced requests of all scenarios ({(warmup.Settled ? "JIT settled" : "JIT not known to have settled")})";

    private static string Verdict(TargetStatus status) => status switch
    {
        TargetStatus.Met => "met",
        TargetStatus.Missed => "**missed**",
        _ => "not measured",
    };
}
