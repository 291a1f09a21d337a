namespace Aicq.Testing;

/// <summary>
/// A real <c>redis-server</c> of its own on a free loopback port, run as a child process (not daemonized)
/// so tests can kill it, freeze it with SIGSTOP (a hung dependency) and start it again on the same port.
/// Persistence is off: a test that stops Redis expects the data to be gone. With a password it asks for it
/// (<c>requirepass</c>), as every deployment's Redis does.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private Process? _process;

    private RedisServer(string directory, string? password)
    {
        Directory = directory;
        Password = password;
    }

    /// <summary>The folder holding <c>redis.log</c> and the pidfile.</summary>
    public string Directory { get; }

    public int Port { get; private set; }

    /// <summary>The password it asks for, or null for none.</summary>
    public string? Password { get; }

    /// <summary>The URL in the form <c>REDIS_URL</c> takes.</summary>
    public string Url => Password is null ? $"redis://127.0.0.1:{Port}" : $"redis://:{Password}@127.0.0.1:{Port}";

    /// <summary>A StackExchange.Redis configuration string for a test's own (admin) connection.</summary>
    public string ClientConfiguration => $"127.0.0.1:{Port},allowAdmin=true{(Password is null ? "" : $",password={Password}")}";

    public string LogFile => Path.Combine(Directory, "redis.log");

    private string PidFile => Path.Combine(Directory, "redis.pid");

    public static Task<RedisServer> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>A server that asks for <paramref name="password"/> (hex, so it needs no escaping in a URL).</summary>
    public static Task<RedisServer> StartWithPasswordAsync(string password, CancellationToken cancellationToken = default) =>
        StartAsync(password, cancellationToken);

    private static async Task<RedisServer> StartAsync(string? password, CancellationToken cancellationToken)
    {
        var server = new RedisServer(TestState.NewDirectory("redis"), password);
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
        if (Password is not null)
        {
            info.ArgumentList.Add("--requirepass");
            info.ArgumentList.Add(Password);
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
            var auth = Password is null ? "" : $"AUTH {Password}\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(auth + "PING\r\n"), cancellationToken);
            var expected = Password is null ? "+PONG" : "+OK\r\n+PONG";
            var answer = "";
            var buffer = new byte[64];
            while (answer.Length < expected.Length)
            {
                var read = await stream.ReadAsync(buffer, cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                if (read == 0) break;
                answer += Encoding.ASCII.GetString(buffer, 0, read);
            }
            return answer.StartsWith(expected, StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }
}
