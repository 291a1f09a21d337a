using Aicq.Bench;
using Aicq.Bench.Options;
using Aicq.Bench.Reporting;

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
    switch (CommandLine.Parse(args))
    {
        case null:
            Console.WriteLine(CommandLine.Help);
            return 0;
        case RunOptions run:
            return await BenchRunner.RunAsync(run, stop.Token);
        case ReportOptions report:
            foreach (var target in BenchmarksDoc.Update(report))
                Console.WriteLine($"{target.Status,-12} {target.Target}: {target.Measured}");
            Console.WriteLine($"Updated {report.DocFile}");
            return 0;
        default:
            throw new InvalidOperationException("unreachable");
    }
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
