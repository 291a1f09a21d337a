namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Samples the edge during an attack: established TCP connections whose local port is the edge's (its side of
/// each connection, from <c>/proc/net/tcp</c>: proof that the attack reached it) and its resident memory.
/// </summary>
public sealed class EdgeSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private int _maxConnections;
    private long _maxRssKb;

    private EdgeSampler(int port, int pid)
    {
        RssKbBefore = RssKb(pid);
        _sampling = SampleAsync(port, pid);
    }

    public int MaxConnections => Volatile.Read(ref _maxConnections);
    public long RssKbBefore { get; }
    public long MaxRssKb => Volatile.Read(ref _maxRssKb);

    /// <summary>Starts sampling every 200 ms until disposed.</summary>
    public static EdgeSampler Watch(int port, int pid) => new(port, pid);

    public static long RssKb(int pid) => new ProcessProbe(pid).RssKb() ?? 0;

    public static int Established(int port)
    {
        var localPort = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            if (!File.Exists(table)) continue;
            // Columns: sl local_address rem_address st ...; state 01 is ESTABLISHED.
            count += File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                .Count(c => c.Length > 3 && c[1].EndsWith(localPort, StringComparison.Ordinal) && c[3] == "01");
        }
        return count;
    }

    private async Task SampleAsync(int port, int pid)
    {
        while (!_stop.IsCancellationRequested)
        {
            Volatile.Write(ref _maxConnections, Math.Max(_maxConnections, Established(port)));
            Volatile.Write(ref _maxRssKb, Math.Max(_maxRssKb, RssKb(pid)));
            try
            {
                await Task.Delay(200, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
