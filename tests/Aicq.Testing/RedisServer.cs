using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace Aicq.Testing;

/// <summary>
/// A real <c>redis-server</c> of its own on a free loopback port, run as a child process (not daemonized)
/// so tests can kill it, freeze it with SIGSTOP (a hung dependency) and start it again on the same port.
/// Persistence is off: a test that stops Redis expects the data to be gone.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(string directory)
    {
        Directory = directory;
    }

    /// <summary>The folder holding <c>redis.log</c> and the pidfile.</summary>
    public string Directory { get; }

    public int Port { get; private set; }

    /// <summary>The URL in the form <c>REDIS_URL</c> takes.</summary>
    public string Url => $"redis://127.0.0.1:{Port}";

    public string LogFile => Path.Combine(Directory, "redis.log");

    private string PidFile => Path.Combine(Directory, "redis.pid");

    public static async Task<RedisServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new RedisServer(TestState.NewDirectory("redis"));
        try
        {
            await FreePort.StartOnAnyAsync(port =>
            {
                server.Port = port;
                return server.StartCoreAsync(cancellationToken);
            }, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the server at once, like a crash; its data is lost.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
        File.Delete(PidFile);
    }

    /// <summary>Freezes the server (SIGSTOP): connections stay open but nothing answers, like a hung dependency.</summary>
    public Task PauseAsync() => SignalAsync(Posix.SigStop);

    /// <summary>Lets a paused server run again (SIGCONT).</summary>
    public Task ResumeAsync() => SignalAsync(Posix.SigCont);

    /// <summary>Starts a stopped server again on the same port (empty).</summary>
    public Task StartAgainAsync() => _process is null ? StartCoreAsync(CancellationToken.None) : Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            Leftovers.TryDelete(Directory);
        }
    }

    private Task SignalAsync(int signal)
    {
        Posix.Signal(_process?.Id ?? throw new InvalidOperationException("Redis is not running."), signal);
        return Task.CompletedTask;
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("redis-server") { UseShellExecute = false, WorkingDirectory = Directory };
        foreach (var arg in new[]
                 {
                     "--bind", "127.0.0.1", "--port", Port.ToString(), "--daemonize", "no", "--save", "",
                     "--appendonly", "no", "--dir", Directory, "--logfile", LogFile,
                 })
        {
            info.ArgumentList.Add(arg);
        }
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        TestState.WritePidFile(Directory, "redis", _process.Id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await PingAsync(cancellationToken))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile, cancellationToken) : "";
                await StopAsync();
                throw new InvalidOperationException($"redis-server on port {Port} did not come up:\n{log}");
            }
            await Task.Delay(50, cancellationToken);
        }
    }

    private async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray(), cancellationToken);
            var buffer = new byte[64];
            var read = await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
            return Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
