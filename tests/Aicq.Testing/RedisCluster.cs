namespace Aicq.Testing;

/// <summary>
/// A real Redis Cluster on loopback: three <c>redis-server</c> primaries (no replicas: enough to spread slots over
/// several nodes, cheap enough for CI), joined with <c>redis-cli --cluster create</c>. Persistence is off. Each node's
/// cluster bus gets a free port of its own (<c>cluster-port</c>): Redis's default, the port plus 10000, may be taken
/// or past 65535 for a port from the ephemeral range, and a node that cannot bind it never starts.
/// </summary>
public sealed class RedisCluster : IAsyncDisposable
{
    private readonly List<Process> _nodes = [];

    private RedisCluster(string directory) => Directory = directory;

    public string Directory { get; }

    public List<int> Ports { get; } = [];

    /// <summary>The URL in the form <c>REDIS_URL</c> takes: every node as a seed.</summary>
    public string Url => "redis://" + string.Join(',', Ports.Select(p => $"127.0.0.1:{p}"));

    public static async Task<RedisCluster> StartAsync()
    {
        var cluster = new RedisCluster(TestState.NewDirectory("redis-cluster"));
        try
        {
            for (var i = 0; i < 3; i++) await cluster.StartNodeAsync();
            await Command.RunAsync("redis-cli", ["--cluster", "create", .. cluster.Ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"]);
            foreach (var port in cluster.Ports) await UntilAsync(port, ["cluster", "info"], "cluster_state:ok");
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (!node.HasExited) node.Kill();
            await node.WaitForExitAsync();
            node.Dispose();
        }
        Leftovers.TryDelete(Directory);
    }

    /// <summary>Starts a node on free ports, trying new ones when it exits or never answers (another process may take a port first).</summary>
    private async Task StartNodeAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            var (port, bus) = (FreePort.Next(), FreePort.Next());
            var process = Launch(port, bus);
            var answered = await Poll.UntilAsync(async () => process.HasExited || (await CliAsync(port, ["ping"])).Contains("PONG", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30));
            if (answered && !process.HasExited)
            {
                TestState.WritePidFile(Directory, $"redis-{port}", process.Id);
                _nodes.Add(process);
                Ports.Add(port);
                return;
            }
            if (!process.HasExited) process.Kill();
            await process.WaitForExitAsync();
            process.Dispose();
            if (attempt == 3) throw new TimeoutException($"no redis cluster node started in 3 attempts (last on ports {port}/{bus}; logs in {Directory})");
        }
    }

    private Process Launch(int port, int bus)
    {
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = Directory };
        foreach (var arg in new[]
                 {
                     "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--daemonize", "no", "--save", "",
                     "--appendonly", "no", "--dir", Directory, "--logfile", Path.Combine(Directory, $"redis-{port}.log"),
                     "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{port}.conf",
                     "--cluster-port", bus.ToString(CultureInfo.InvariantCulture),
                 })
        {
            info.ArgumentList.Add(arg);
        }
        return Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
    }

    private static async Task UntilAsync(int port, string[] args, string expected)
    {
        if (!await Poll.UntilAsync(async () => (await CliAsync(port, args)).Contains(expected, StringComparison.Ordinal), TimeSpan.FromSeconds(60)))
            throw new TimeoutException($"redis node {port} never answered '{string.Join(' ', args)}' with {expected}");
    }

    private static async Task<string> CliAsync(int port, string[] args)
    {
        try
        {
            return await Command.RunAsync("redis-cli", ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), .. args]);
        }
        catch (InvalidOperationException)
        {
            return "";
        }
    }
}
