using System.Security.Cryptography;
using Npgsql;

namespace Aicq.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster of its own (own port, own data folder under <see cref="TestState.Root"/>),
/// so tests run against the real database engine without touching a developer's <c>./aicq up</c> data.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string User = "aicq";
    private readonly string _password;
    private readonly string _binDir = FindBinDir();
    private bool _running;

    private PostgresServer(string directory, string? password = null)
    {
        Directory = directory;
        _password = password ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>The folder holding <c>data/</c>, the socket folder and <c>postgres.log</c>.</summary>
    public string Directory { get; }

    public int Port { get; private set; }

    /// <summary>The server log, worth reading when a test fails on a database error.</summary>
    public string LogFile => Path.Combine(Directory, "postgres.log");

    /// <summary>The superuser's URL to the <c>postgres</c> database.</summary>
    public string AdminUrl => Url("postgres");

    private string DataDir => Path.Combine(Directory, "data");

    /// <summary>Creates the cluster with a superuser <c>aicq</c> (random password, SCRAM auth) and starts it.</summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var server = new PostgresServer(TestState.NewDirectory("postgres"));
        try
        {
            await server.InitAsync(cancellationToken);
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

    /// <summary>A <c>postgres://</c> URL (the form <c>DATABASE_URL</c> takes) for a database of this server.</summary>
    public string Url(string database) => $"postgres://{User}:{_password}@127.0.0.1:{Port}/{database}?sslmode=disable";

    /// <summary>The same database as an Npgsql connection string, for tests that look at the data directly.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={User};Password={_password};Database={database};SSL Mode=Disable";

    /// <summary>Creates a fresh empty database (a random name unless given) and returns its URL.</summary>
    public async Task<string> CreateDatabaseAsync(string? name = null)
    {
        name ??= "test_" + Guid.NewGuid().ToString("N");
        if (!System.Text.RegularExpressions.Regex.IsMatch(name, "^[a-z_][a-z0-9_]{0,62}$"))
        {
            throw new ArgumentException("Use a plain lower-case identifier as the database name.", nameof(name));
        }
        // No pooling: a pooled admin connection would break after StopAsync/StartAgainAsync.
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync();
        // CREATE DATABASE cannot run inside a transaction block, so it is a statement of its own.
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return Url(name);
    }

    /// <summary>Stops the server, keeping its data: <c>immediate</c> is a crash-like stop, otherwise a fast clean shutdown.</summary>
    public async Task StopAsync(bool immediate = false)
    {
        if (!_running) return;
        await PgCtlAsync(["stop", "-D", DataDir, "-w", "-t", "60", "-m", immediate ? "immediate" : "fast"]);
        _running = false;
    }

    /// <summary>Starts the stopped server again on the same port with the same data.</summary>
    public Task StartAgainAsync() => _running ? Task.CompletedTask : StartCoreAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_running || File.Exists(Path.Combine(DataDir, "postmaster.pid"))) await StopAsync(immediate: true);
        }
        finally
        {
            Leftovers.TryDelete(Directory);
        }
    }

    private async Task InitAsync(CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(Directory, "password");
        await File.WriteAllTextAsync(passwordFile, _password, cancellationToken);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        if (Posix.IsRoot)
        {
            TestState.MakeTraversable(Directory);
            await Command.RunAsync("chown", ["-R", "postgres:postgres", Directory], cancellationToken);
        }
        await Command.RunAsPostgresAsync(Path.Combine(_binDir, "initdb"),
        [
            "-D", DataDir, "-U", User, "--pwfile", passwordFile, "--auth", "scram-sha-256",
            "--encoding", "UTF8", "--locale", "C.UTF-8", "--no-sync", "--no-instructions",
        ], cancellationToken);
        File.Delete(passwordFile);
    }

    private async Task StartCoreAsync(CancellationToken cancellationToken)
    {
        // Tests connect over TCP only; a socket path longer than the kernel's 107 bytes would stop the server.
        var socket = Directory.Length < 80 ? $"-k '{Directory}'" : "-c unix_socket_directories=";
        // Durability stays on: outage tests stop the server hard and expect their data back, as in production.
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} {socket} -c max_connections=300";
        await PgCtlAsync(["start", "-D", DataDir, "-l", LogFile, "-w", "-t", "60", "-o", options], cancellationToken);
        _running = true;
    }

    private Task<string> PgCtlAsync(string[] args, CancellationToken cancellationToken = default) =>
        Command.RunAsPostgresAsync(Path.Combine(_binDir, "pg_ctl"), args, cancellationToken);

    private static string FindBinDir()
    {
        var candidates = System.IO.Directory.Exists("/usr/lib/postgresql")
            ? System.IO.Directory.GetDirectories("/usr/lib/postgresql")
                .Where(d => File.Exists(Path.Combine(d, "bin", "initdb")) && int.TryParse(Path.GetFileName(d), out _))
                .OrderByDescending(d => int.Parse(Path.GetFileName(d)))
            : Enumerable.Empty<string>();
        return candidates.Select(d => Path.Combine(d, "bin")).FirstOrDefault()
            ?? throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql; " +
                                                   "install them with: apt-get install -y postgresql (./aicq test does this).");
    }
}
