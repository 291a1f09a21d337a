using Aicq.Bench.Options;
using Aicq.Bench.Reporting;

namespace Aicq.Bench;

/// <summary>Runs the command the command line named; returns the exit code.</summary>
internal static class Commands
{
    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        switch (CommandLine.Parse(args))
        {
            case null:
                Console.WriteLine(CommandLine.Help);
                return 0;
            case RunOptions run:
                return await BenchRunner.RunAsync(run, cancellationToken);
            case EdgeOptions edge:
                return await EdgeRunner.RunAsync(edge, cancellationToken);
            case ReportOptions report:
                foreach (var target in BenchmarksDoc.Update(report))
                    Console.WriteLine($"{target.Status,-12} {target.Target}: {target.Measured}");
                Console.WriteLine($"Updated {report.DocFile}");
                return 0;
            default:
                throw new InvalidOperationException("unreachable");
        }
    }
}
