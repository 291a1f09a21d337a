namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Debian's <c>slowhttptest</c> as a child process, bounded by its own <c>-l</c> and a hard timeout, and its
/// result: the per-second CSV (<c>-g</c>) of connections connected and closed by the server, and its last
/// status block and exit status.
/// </summary>
public static partial class SlowHttpTest
{
    /// <summary>The exit status when the server closed every connection before the test's time ran out.</summary>
    public const string AllClosed = "No open connections left";

    public sealed record Result(int MaxConnected, int ClosedByServer, int Errors, int Seconds, int ProbeUnavailableSeconds, string ExitStatus)
    {
        public string Summary =>
            $"slowhttptest: {MaxConnected} connected at most, {ClosedByServer} closed by the server, {Errors} errors, " +
            $"its own probe unavailable {ProbeUnavailableSeconds} s of {Seconds} s, exit \"{ExitStatus}\"";
    }

    /// <summary>Runs <c>slowhttptest</c> with <paramref name="modeArgs"/> (e.g. <c>-H</c>) against <paramref name="url"/>.</summary>
    public static async Task<Result> RunAsync(IEnumerable<string> modeArgs, string url, int connections, int seconds)
    {
        var prefix = Path.Combine(TestState.NewDirectory("slowhttptest"), "run");
        var info = new ProcessStartInfo("slowhttptest") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in modeArgs.Concat(["-c", Text(connections), "-l", Text(seconds), "-r", "50", "-p", "3", "-g", "-o", prefix, "-u", url]))
            info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("slowhttptest did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(seconds + 30));
        }
        catch (TimeoutException)
        {
            process.Kill();
            await process.WaitForExitAsync();
            throw new InvalidOperationException($"slowhttptest still ran {seconds + 30} s after it started; killed");
        }
        var output = AnsiEscape().Replace(await stdout + await stderr, "");
        var csvPath = prefix + ".csv";
        if (process.ExitCode != 0 || !File.Exists(csvPath))
            throw new InvalidOperationException($"slowhttptest exited with {process.ExitCode}:\n{output}");
        return Parse(await File.ReadAllLinesAsync(csvPath), output);
    }

    private static Result Parse(string[] csv, string output)
    {
        // Seconds,Closed,Pending,Connected,Service Available: cumulative closed, current connected.
        var rows = csv.Skip(1).Select(l => l.Split(',')).Where(c => c.Length >= 4).Select(c => c.Select(int.Parse).ToArray()).ToList();
        var errors = Matches(ErrorLine(), output).LastOrDefault();
        var unavailable = Matches(ServiceLine(), output).Count(v => v == 0);
        var exit = ExitLine().Match(output) is { Success: true } m ? m.Groups[1].Value.Trim() : "none";
        return new Result(rows.Count == 0 ? 0 : rows.Max(r => r[3]), rows.Count == 0 ? 0 : rows[^1][1], errors, rows.Count, unavailable, exit);
    }

    private static IEnumerable<int> Matches(Regex regex, string output) =>
        regex.Matches(output).Select(m => m.Groups[1].Value switch { "YES" => 1, "NO" => 0, var n => int.Parse(n, CultureInfo.InvariantCulture) });

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"error:\s+(\d+)")]
    private static partial Regex ErrorLine();

    [GeneratedRegex(@"service available:\s+(YES|NO)")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"Exit status:\s*([^\n]+)")]
    private static partial Regex ExitLine();
}
