using Aicq.Bench;
using Aicq.Bench.Options;

// Keep the bench's throwaway servers apart from test runs' state (both use Aicq.Testing's pidfile cleanup).
if (Environment.GetEnvironmentVariable("AICQ_TEST_STATE_DIR") is null or "")
    Environment.SetEnvironmentVariable("AICQ_TEST_STATE_DIR", Path.Combine(Aicq.Testing.RepoPaths.Root, ".aicq", "bench"));

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // stop cleanly, so the throwaway API, PostgreSQL and Redis are shut down
    stop.Cancel();
};

try
{
    return await Commands.RunAsync(args, stop.Token);
}
catch (UsageException e)
{
    Console.Error.WriteLine($"Aicq.Bench: {e.Message} (see --help)");
    return 2;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("Aicq.Bench: interrupted");
    return 130;
}
