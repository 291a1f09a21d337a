namespace Aicq.Testing;

/// <summary>
/// Hands out loopback ports nobody listens on, so parallel test runs and a running <c>./aicq up</c>
/// never fight over a fixed port.
/// </summary>
public static class FreePort
{
    // The OS may offer a just-released port again; servers started a moment apart must not share one.
    private static readonly HashSet<int> Given = [];

    /// <summary>A port that was free on 127.0.0.1 a moment ago (the OS picked it for a socket bound to port 0).</summary>
    public static int Next()
    {
        while (true)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            lock (Given)
            {
                if (Given.Add(port)) return port;
            }
        }
    }

    /// <summary>
    /// Starts a server on a free port, trying another port when the start fails: another process may
    /// take the port between <see cref="Next"/> and the server binding it.
    /// </summary>
    internal static async Task StartOnAnyAsync(Func<int, Task> start, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = Next();
            try
            {
                await start(port);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3 && !cancellationToken.IsCancellationRequested)
            {
            }
        }
    }
}
