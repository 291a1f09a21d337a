using System.Globalization;

namespace Aicq.Bench.Options;

/// <summary>Parses the arguments; a mistake ends in <see cref="UsageException"/> with one clear message.</summary>
internal static class CommandLine
{
    public static readonly string[] AllScenarios = ["public-get", "private-get", "find", "signed-post"];

    public const string Help = """
        Aicq.Bench: a closed-loop HTTP load benchmark of the AICQ API.

        Usage:
          Aicq.Bench [run] [options]        run scenarios, print a table, optionally write JSON
          Aicq.Bench edge [options]         GET /room/{id} directly, through the edge (limits on and off)
                                            and through nginx, side by side (see "Edge options")
          Aicq.Bench report --results FILE [--results FILE ...] [--doc PATH] [--commit TEXT]
          Aicq.Bench --help

        By default `run` starts its own throwaway PostgreSQL and Redis (pinned to --deps-core) and
        the Release API (`taskset -c <api-core> dotnet Aicq.Api.dll` with DOTNET_PROCESSOR_COUNT=1,
        DOTNET_GCHeapHardLimit=0x10000000, DOTNET_gcServer=0, LOG_LEVEL=warning,
        SIGNATURE_WINDOW_SECONDS=600 so pre-signed requests stay valid). Run the bench itself on
        the other core: `taskset -c 1 dotnet Aicq.Bench.dll ...` (bench/run.sh does).

        Run options:
          --scenario NAME     public-get | private-get | find | signed-post | all   (default all)
          --connections N     concurrent connections, each a closed loop           (default 50)
          --duration S        measured seconds per scenario                        (default 20)
          --warmup S          unmeasured seconds before each measurement           (default 5)
          --jit-warmup S      at most S seconds of paced, unmeasured traffic of all
                              scenarios before the first measurement, until the
                              API's JIT time settles (its hot code is optimised);
                              0 measures a cold API                                (default 90)
          --api-url URL       load an already-running API instead of starting one
          --api-pid PID       with --api-url: the API's process id, to sample RSS and CPU
          --api-dll PATH      API to start (default src/Aicq.Api/bin/Release/net10.0/Aicq.Api.dll)
          --api-env NAME=VAL  extra environment for the started API (repeatable)
          --api-core N        core the started API is pinned to                    (default 0)
          --deps-core N       core the started PostgreSQL and Redis are pinned to  (default 1)
          --no-pin            pin nothing
          --presign-rate N    signed POSTs prepared per second of warm-up+duration (default 8000)
          --post-rooms N      rooms the signed POSTs rotate through                (default 1)
          --agents N          agents the signed POSTs rotate through (default: enough for the
                              32 KiB/min byte budget, at least --connections)
          --rate R            open loop: R requests per second at a fixed arrival rate
                              (--connections bounds those in flight); latency counts
                              from each request's due time, so queueing shows
          --out FILE          also write the results as JSON, for `report`

        Edge options (plus the run options above, except --scenario and --api-url):
          --via LIST          direct,nginx,bare-yarp,edge-no-limits,edge, or a subset; direct
                              always runs first (it sets the fixed rate)    (default all)
          --rss-connections N the second closed-loop step, for the RSS target (default 250)
          --rss-duration S    its measured seconds                          (default 5)
          --rate-fraction F   open-loop step at F x direct's closed-loop req/s,
                              unless --rate is given                        (default 0.5)
          --proxy-core N      core every proxy is pinned to                 (default 0, the API's)
          --proxy-jit-warmup S  paced warm-up of each edge before it is measured (default 30)
          --edge-env NAME=VAL extra environment for every edge started (repeatable)

        Report options:
          --results FILE      a JSON file written by `run --out` (repeatable)
          --doc PATH          the Markdown file to update (default docs/benchmarks.md)
          --commit TEXT       the commit measured, shown in the heading

        Scenarios:
          public-get    GET /room/{id} of a public room holding 50 messages, unsigned
          private-get   the same on a private room, with X-AICQ-Room-Key
          find          GET /find?q=<two words> matching 100 of 200 messages (20 returned)
          signed-post   POST /room/{id}, pre-signed before the timed run, rotating agents
        """;

    /// <summary>Null when the user asked for help.</summary>
    public static object? Parse(string[] args)
    {
        if (args.Any(a => a is "--help" or "-h" or "help")) return null;
        var command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        var rest = new Queue<string>(command == "run" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args.Skip(1));
        return command switch
        {
            "run" => ParseRun(rest),
            "report" => ParseReport(rest),
            "edge" => ParseEdge(rest),
            _ => throw new UsageException($"unknown command '{command}' (run, edge, report)"),
        };
    }

    private static RunOptions ParseRun(Queue<string> args)
    {
        var options = new RunOptions { Scenarios = AllScenarios };
        while (args.Count > 0)
        {
            var name = args.Dequeue();
            options = name switch
            {
                "--scenario" => options with { Scenarios = ScenarioList(Value(args, name)) },
                "--connections" => options with { Connections = Int(args, name, 1, 10_000) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Int(args, name, 1, 3600)) },
                "--warmup" => options with { Warmup = TimeSpan.FromSeconds(Int(args, name, 0, 600)) },
                "--jit-warmup" => options with { JitWarmup = TimeSpan.FromSeconds(Int(args, name, 0, 600)) },
                "--api-url" => options with { ApiUrl = Url(Value(args, name)) },
                "--api-pid" => options with { ApiPid = Int(args, name, 1, int.MaxValue) },
                "--api-dll" => options with { ApiDll = Path.GetFullPath(Value(args, name)) },
                "--api-env" => options with { ApiEnvironment = WithVariable(options.ApiEnvironment, Value(args, name)) },
                "--api-core" => options with { ApiCore = Int(args, name, 0, 1023) },
                "--deps-core" => options with { DepsCore = Int(args, name, 0, 1023) },
                "--no-pin" => options with { Pin = false },
                "--presign-rate" => options with { PresignRate = Int(args, name, 1, 1_000_000) },
                "--post-rooms" => options with { PostRooms = Int(args, name, 1, 1000) },
                "--agents" => options with { Agents = Int(args, name, 1, 100_000) },
                "--rate" => options with { Rate = Int(args, name, 1, 1_000_000) },
                "--out" => options with { OutFile = Path.GetFullPath(Value(args, name)) },
                _ => throw new UsageException($"unknown run option '{name}'"),
            };
        }
        if (options.ApiPid is not null && options.ApiUrl is null) throw new UsageException("--api-pid needs --api-url");
        return options;
    }

    /// <summary>The edge's own options; everything else is a run option, with the defaults of bench/run.sh.</summary>
    private static EdgeOptions ParseEdge(Queue<string> args)
    {
        var edge = new EdgeOptions { Run = null! };
        var rest = new Queue<string>();
        while (args.Count > 0)
        {
            var name = args.Dequeue();
            edge = name switch
            {
                "--via" => edge with { Vias = ViaList(Value(args, name)) },
                "--rss-connections" => edge with { RssConnections = Int(args, name, 1, 10_000) },
                "--rss-duration" => edge with { RssDuration = TimeSpan.FromSeconds(Int(args, name, 1, 3600)) },
                "--rate-fraction" => edge with { RateFraction = Fraction(Value(args, name)) },
                "--proxy-core" => edge with { ProxyCore = Int(args, name, 0, 1023) },
                "--proxy-jit-warmup" => edge with { ProxyJitWarmup = TimeSpan.FromSeconds(Int(args, name, 0, 600)) },
                "--edge-env" => edge with { EdgeEnvironment = WithVariable(edge.EdgeEnvironment, Value(args, name)) },
                _ => edge,
            };
            if (name is "--via" or "--rss-connections" or "--rss-duration" or "--rate-fraction" or "--proxy-core" or "--proxy-jit-warmup" or "--edge-env") continue;
            if (name is "--scenario" or "--api-url" or "--api-pid") throw new UsageException($"edge does not take {name}");
            rest.Enqueue(name);
            if (args.Count > 0 && !args.Peek().StartsWith("--", StringComparison.Ordinal)) rest.Enqueue(args.Dequeue());
        }
        return edge with { Run = ParseRun(rest) with { Scenarios = ["public-get"] } };
    }

    private static IReadOnlyList<string> ViaList(string raw)
    {
        var names = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0 || names.Any(n => !EdgeOptions.AllVias.Contains(n)))
            throw new UsageException($"--via takes a comma-separated subset of {string.Join(",", EdgeOptions.AllVias)} (got '{raw}')");
        return EdgeOptions.AllVias.Where(v => v == "direct" || names.Contains(v)).ToList();
    }

    private static double Fraction(string raw) =>
        double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 2
            ? value
            : throw new UsageException($"--rate-fraction must be a number above 0 and at most 2 (got '{raw}')");

    private static ReportOptions ParseReport(Queue<string> args)
    {
        var results = new List<string>();
        string? doc = null, commit = null;
        while (args.Count > 0)
        {
            var name = args.Dequeue();
            switch (name)
            {
                case "--results": results.Add(Path.GetFullPath(Value(args, name))); break;
                case "--doc": doc = Path.GetFullPath(Value(args, name)); break;
                case "--commit": commit = Value(args, name); break;
                default: throw new UsageException($"unknown report option '{name}'");
            }
        }
        if (results.Count == 0) throw new UsageException("report needs at least one --results FILE");
        return new ReportOptions { ResultFiles = results, DocFile = doc ?? Path.GetFullPath("docs/benchmarks.md"), Commit = commit };
    }

    private static IReadOnlyList<string> ScenarioList(string raw)
    {
        if (raw == "all") return AllScenarios;
        var names = raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = names.Where(n => !AllScenarios.Contains(n)).ToList();
        if (unknown.Count > 0 || names.Length == 0)
            throw new UsageException($"--scenario must be one of {string.Join(", ", AllScenarios)} or all (got '{raw}')");
        return names;
    }

    private static Dictionary<string, string> WithVariable(IReadOnlyDictionary<string, string> existing, string raw)
    {
        var at = raw.IndexOf('=');
        if (at < 1) throw new UsageException($"--api-env must look like NAME=VALUE (got '{raw}')");
        return new Dictionary<string, string>(existing) { [raw[..at]] = raw[(at + 1)..] };
    }

    private static string Value(Queue<string> args, string name) =>
        args.Count > 0 && !args.Peek().StartsWith("--", StringComparison.Ordinal) ? args.Dequeue() : throw new UsageException($"{name} needs a value");

    private static int Int(Queue<string> args, string name, int min, int max)
    {
        var raw = Value(args, name);
        return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"{name} must be a whole number from {min} to {max} (got '{raw}')");
    }

    private static Uri Url(string raw) =>
        Uri.TryCreate(raw.EndsWith('/') ? raw : raw + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new UsageException($"--api-url must be an http(s) URL (got '{raw}')");
}

/// <summary>A command-line mistake: printed with a hint to use --help, exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);
