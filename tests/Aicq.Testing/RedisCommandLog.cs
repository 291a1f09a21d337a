namespace Aicq.Testing;

/// <summary>
/// One unit Redis runs atomically (a command, a MULTI…EXEC, a script with every command it ran) and the keys it
/// touched; <see cref="Undeclared"/> are keys a script touched without passing them in KEYS, which a cluster refuses
/// unless the node happens to hold them.
/// </summary>
public sealed record AtomicOperation(string Name, IReadOnlyList<string> Keys, IReadOnlyList<string> Undeclared)
{
    public IReadOnlyList<int> Slots => Keys.Select(RedisHashSlot.Of).Distinct().ToList();

    public override string ToString() => $"{Name}: {string.Join(", ", Keys.Select(k => $"{k} (slot {RedisHashSlot.Of(k)})"))}";
}

/// <summary>
/// What clients really sent a real Redis, read with MONITOR: every command, grouped into the units Redis runs
/// atomically, with the keys each touched as Redis itself names them (COMMAND GETKEYS; a script's declared keys and
/// the keys of every command the script ran). So a test sees the keys the code builds, not a list kept beside it.
/// </summary>
public sealed class RedisCommandLog : IAsyncDisposable
{
    private readonly RedisServer _server;
    private readonly TcpClient _monitor;
    private readonly StreamReader _lines;

    private RedisCommandLog(RedisServer server, TcpClient monitor)
    {
        _server = server;
        _monitor = monitor;
        _lines = new StreamReader(monitor.GetStream(), Encoding.UTF8);
    }

    public static async Task<RedisCommandLog> StartAsync(RedisServer server)
    {
        var monitor = await ConnectAsync(server);
        var log = new RedisCommandLog(server, monitor);
        await WriteAsync(monitor, ["MONITOR"]);
        var ok = await log._lines.ReadLineAsync();
        if (ok != "+OK") throw new InvalidOperationException($"MONITOR answered {ok}");
        return log;
    }

    /// <summary>Everything logged since the start, up to a marker sent now (so nothing in flight is missed).</summary>
    public async Task<IReadOnlyList<AtomicOperation>> OperationsAsync()
    {
        var marker = $"aicq-command-log-{Guid.NewGuid():N}";
        using var control = await ConnectAsync(_server);
        await WriteAsync(control, ["ECHO", marker]);
        await ReadReplyAsync(control.GetStream());
        var commands = new List<(string Client, List<string> Args)>();
        using var timeout = new CancellationTokenSource(TestTimeouts.Request);
        while (await _lines.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.Contains(marker, StringComparison.Ordinal)) break;
            if (Parse(line) is { } command) commands.Add(command);
        }
        return await GroupAsync(control, commands);
    }

    public ValueTask DisposeAsync()
    {
        _lines.Dispose();
        _monitor.Dispose();
        return ValueTask.CompletedTask;
    }

    private static async Task<IReadOnlyList<AtomicOperation>> GroupAsync(TcpClient control, List<(string Client, List<string> Args)> commands)
    {
        var operations = new List<(string Name, List<string> Keys, List<string> Undeclared)>();
        var transactions = new Dictionary<string, (string Name, List<string> Keys, List<string> Undeclared)>();
        (string Name, List<string> Keys, List<string> Undeclared)? script = null;
        foreach (var (client, args) in commands)
        {
            var name = args[0].ToUpperInvariant();
            if (client == "lua")
            {
                if (script is not { } running) continue;
                var touched = await KeysAsync(control, args);
                running.Undeclared.AddRange(touched.Except(running.Keys));
                continue;
            }
            script = null;
            if (name == "MULTI") transactions[client] = ("MULTI", [], []);
            else if (name == "EXEC" && transactions.Remove(client, out var done)) operations.Add(done);
            else if (transactions.TryGetValue(client, out var open))
            {
                open.Keys.AddRange(await KeysAsync(control, args));
                transactions[client] = ($"{open.Name} {name}", open.Keys, open.Undeclared);
            }
            else if (name is "EVAL" or "EVALSHA")
            {
                var declared = args.Skip(3).Take(int.Parse(args[2], CultureInfo.InvariantCulture)).ToList();
                script = ($"{name} {(name == "EVAL" ? FirstLine(args[1]) : args[1])}", declared, []);
                operations.Add(script.Value);
            }
            else operations.Add((name, await KeysAsync(control, args), []));
        }
        return operations.Select(o => new AtomicOperation(o.Name, [.. o.Keys.Union(o.Undeclared)], [.. o.Undeclared.Distinct()])).ToList();
    }

    private static string FirstLine(string script) => script.Split('\n')[0];

    private static async Task<List<string>> KeysAsync(TcpClient control, List<string> args)
    {
        await WriteAsync(control, ["COMMAND", "GETKEYS", .. args]);
        return await ReadReplyAsync(control.GetStream()) is List<string> keys ? keys : [];
    }

    private static async Task<TcpClient> ConnectAsync(RedisServer server)
    {
        var client = new TcpClient();
        await client.ConnectAsync("127.0.0.1", server.Port);
        if (server.Password is not null)
        {
            await WriteAsync(client, ["AUTH", server.Password]);
            if (await ReadReplyAsync(client.GetStream()) is not "OK") throw new InvalidOperationException("AUTH failed");
        }
        return client;
    }

    private static async Task WriteAsync(TcpClient client, string[] args)
    {
        var request = new StringBuilder().Append('*').Append(args.Length).Append("\r\n");
        foreach (var arg in args) request.Append('$').Append(Encoding.UTF8.GetByteCount(arg)).Append("\r\n").Append(arg).Append("\r\n");
        await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(request.ToString()));
    }

    /// <summary>A RESP reply: a string, null, a list of strings, or an error as null (GETKEYS errs for keyless commands).</summary>
    private static async Task<object?> ReadReplyAsync(Stream stream)
    {
        var line = await ReadLineAsync(stream);
        switch (line[0])
        {
            case '+': return line[1..];
            case '-': return null;
            case ':': return line[1..];
            case '$':
                var length = int.Parse(line[1..], CultureInfo.InvariantCulture);
                if (length < 0) return null;
                var buffer = new byte[length + 2];
                await stream.ReadExactlyAsync(buffer);
                return Encoding.UTF8.GetString(buffer, 0, length);
            case '*':
                var items = new List<string>();
                for (var i = int.Parse(line[1..], CultureInfo.InvariantCulture); i > 0; i--) items.Add((string)(await ReadReplyAsync(stream))!);
                return items;
            default: throw new InvalidOperationException($"Unexpected reply: {line}");
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (true)
        {
            await stream.ReadExactlyAsync(one);
            if (one[0] == '\n' && bytes.Count > 0 && bytes[^1] == '\r') return Encoding.UTF8.GetString([.. bytes[..^1]]);
            bytes.Add(one[0]);
        }
    }

    /// <summary>A MONITOR line: <c>1700000000.123 [0 127.0.0.1:5000] "SET" "k" "v"</c> (the client is "lua" inside a script).</summary>
    private static (string Client, List<string> Args)? Parse(string line)
    {
        var open = line.IndexOf('[', StringComparison.Ordinal);
        var close = line.IndexOf(']', open + 1);
        if (open < 0 || close < 0) return null;
        var client = line[(open + 1)..close].Split(' ', 2)[1];
        var args = new List<string>();
        var i = close + 1;
        while ((i = line.IndexOf('"', i)) >= 0)
        {
            // Redis escapes every byte that is not printable ASCII (\xHH), so the bytes are rebuilt, then read as UTF-8.
            var arg = new List<byte>();
            for (i++; line[i] != '"'; i++)
            {
                if (line[i] != '\\') { arg.Add((byte)line[i]); continue; }
                var escaped = line[++i];
                if (escaped == 'x')
                {
                    arg.Add(Convert.ToByte(line.Substring(i + 1, 2), 16));
                    i += 2;
                }
                else arg.Add((byte)(escaped switch { 'n' => '\n', 'r' => '\r', 't' => '\t', 'a' => '\a', 'b' => '\b', _ => escaped }));
            }
            args.Add(Encoding.UTF8.GetString([.. arg]));
            i++;
        }
        return args.Count == 0 ? null : (client, args);
    }
}
