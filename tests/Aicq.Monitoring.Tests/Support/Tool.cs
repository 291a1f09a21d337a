namespace Aicq.Monitoring.Tests.Support;

/// <summary>
/// Runs the real Prometheus/Alertmanager tools. A missing tool fails the test with the package to
/// install; nothing is skipped.
/// </summary>
internal static class Tool
{
    public static readonly ToolSpec Promtool = new("promtool", "prometheus", ["promtool"]);
    public static readonly ToolSpec Amtool = new("amtool", "prometheus-alertmanager", ["amtool"]);
    public static readonly ToolSpec Alertmanager = new("Alertmanager", "prometheus-alertmanager", ["prometheus-alertmanager", "alertmanager"]);
    public static readonly ToolSpec Blackbox = new("blackbox-exporter", "prometheus-blackbox-exporter", ["prometheus-blackbox-exporter", "blackbox_exporter"]);
    public static readonly ToolSpec Prometheus = new("Prometheus", "prometheus", ["prometheus"]);
    public static readonly ToolSpec PostgresExporter = new("postgres-exporter", "prometheus-postgres-exporter", ["prometheus-postgres-exporter", "postgres_exporter"]);
    public static readonly ToolSpec RedisExporter = new("redis-exporter", "prometheus-redis-exporter", ["prometheus-redis-exporter", "redis_exporter"]);
    public static readonly ToolSpec NodeExporter = new("node-exporter", "prometheus-node-exporter", ["prometheus-node-exporter", "node_exporter"]);

    public static string Locate(ToolSpec tool)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in tool.Executables)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                    return candidate;
            }
        }
        throw new InvalidOperationException(
            $"{tool.Name} is not installed (looked for {string.Join(" or ", tool.Executables)} on PATH). " +
            $"Install the Debian package '{tool.DebianPackage}' (apt-get install {tool.DebianPackage}); the monitoring tests need the real binary.");
    }

    public static ToolResult Run(ToolSpec tool, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
        => RunExecutable(Locate(tool), arguments, workingDirectory, timeout);

    public static ToolResult RunExecutable(string executable, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repo.Root,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', start.ArgumentList)} did not finish in time.");
        }
        return new ToolResult(process.ExitCode, stdout.Result, stderr.Result,
            $"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)}");
    }
}

internal sealed record ToolSpec(string Name, string DebianPackage, string[] Executables);

internal sealed record ToolResult(int ExitCode, string Stdout, string Stderr, string CommandLine)
{
    public string Output => $"$ {CommandLine}\n(exit {ExitCode})\n{Stdout}{Stderr}";

    public ToolResult AssertSuccess()
    {
        Assert.True(ExitCode == 0, Output);
        return this;
    }
}
