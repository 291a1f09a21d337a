using System.Diagnostics;
using System.Globalization;

namespace Aicq.Testing;

/// <summary>
/// A real Redis Cluster on loopback: three <c>redis-server</c> primaries (no replicas: enough to spread slots over
/// several nodes, cheap enough for CI), joined with <c>redis-cli --cluster create</c>. Persistence is off.
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
            for (var i = 0; i < 3; i++) cluster.StartNode(FreePort.Next());
            foreach (var port in cluster.Ports) await UntilAsync(port, ["ping"], "PONG");
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

    private void StartNode(int port)
    {
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = Directory };
        foreach (var arg in new[]
                 {
                     "--bind", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--daemonize", "no", "--save", "",
                     "--appendonly", "no", "--dir", Directory, "--logfile", Path.Combine(Directory, $"redis-{port}.log"),
                     "--cluster-enabled", "yes", "--cluster-config-file", $"nodes-{port}.conf",
                 })
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        TestState.WritePidFile(Directory, $"redis-{port}", process.Id);
        _nodes.Add(process);
        Ports.Add(port);
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
