namespace Aicq.Testing;

/// <summary>
/// The TCP addresses a process listens on, read from the kernel: the socket inodes among <c>/proc/PID/fd</c>, looked
/// up in <c>/proc/PID/net/tcp</c> and <c>tcp6</c> (state <c>0A</c>, LISTEN). What the process really bound, not what
/// its configuration says it should.
/// </summary>
public static class Listeners
{
    private const string Listen = "0A";

    public static IReadOnlyList<IPEndPoint> Of(int pid)
    {
        var inodes = new HashSet<string>();
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid}/fd"))
        {
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal)) inodes.Add(target[8..^1]);
        }
        return [.. Table($"/proc/{pid}/net/tcp", inodes), .. Table($"/proc/{pid}/net/tcp6", inodes)];
    }

    /// <summary>The listeners of <paramref name="pid"/> on <paramref name="port"/>, as "address" strings (<c>127.0.0.1</c>, <c>::</c>).</summary>
    public static IReadOnlyList<string> OnPort(int pid, int port) =>
        Of(pid).Where(e => e.Port == port).Select(e => e.Address.ToString()).Order(StringComparer.Ordinal).ToList();

    private static IEnumerable<IPEndPoint> Table(string path, HashSet<string> inodes)
    {
        if (!File.Exists(path)) yield break;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode …
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || fields[3] != Listen || !inodes.Contains(fields[9])) continue;
            yield return Endpoint(fields[1]);
        }
    }

    /// <summary>"0100007F:1F90" or 32 hex digits and a port: the address as 32-bit words in host (little-endian) order.</summary>
    public static IPEndPoint Endpoint(string hex)
    {
        var (address, port) = (hex[..hex.IndexOf(':')], hex[(hex.IndexOf(':') + 1)..]);
        var bytes = new byte[address.Length / 2];
        for (var word = 0; word < address.Length / 8; word++)
        {
            var value = uint.Parse(address.AsSpan(word * 8, 8), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            BitConverter.TryWriteBytes(bytes.AsSpan(word * 4, 4), value);
        }
        return new IPEndPoint(new IPAddress(bytes), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
