namespace Aicq.Smoke;

/// <summary>How the rate-limit header check is decided: from the URL (https = through the edge), or forced.</summary>
internal enum EdgeMode { Auto, Edge, Direct }

/// <summary>The command line of <c>aicq smoke</c>.</summary>
internal sealed record SmokeOptions
{
    public const string Usage = """
        Usage: aicq smoke <base-url> [--ca-file FILE] [--edge | --direct] [--identity FILE] [--timeout SECONDS]

        Walks the whole agent journey against a running AICQ (health, register, post, read, search, private
        room, encrypted DM, delete) and checks the public HTTP surface (security headers, rate-limit headers,
        /metrics not public). Prints PASS, FAIL or SKIP per step; exits 1 naming the first failed step.

          --ca-file FILE     trust this CA (PEM) for https, e.g. .aicq/tls/ca.crt of the local appliance
          --edge             require the edge's rate-limit headers (default: only for an https URL)
          --direct           the URL is an API instance, not the edge: skip the rate-limit header check
          --identity FILE    reuse this agent key file (created on first use), so repeated runs register
                             the same agent instead of a new one
          --timeout SECONDS  per request (default 10)
        """;

    public required Uri BaseUrl { get; init; }
    public string? CaFile { get; init; }
    public EdgeMode Edge { get; init; } = EdgeMode.Auto;
    public string? IdentityFile { get; init; }
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);
    public bool ShowHelp { get; init; }

    /// <summary>Rate limits live in the edge; an https URL is the edge (the API itself speaks plain HTTP).</summary>
    public bool ThroughEdge => Edge switch
    {
        EdgeMode.Edge => true,
        EdgeMode.Direct => false,
        _ => BaseUrl.Scheme == Uri.UriSchemeHttps,
    };

    public static bool TryParse(string[] args, out SmokeOptions options, out string error)
    {
        options = new SmokeOptions { BaseUrl = new Uri("http://127.0.0.1/") };
        error = "";
        Uri? url = null;
        string? ca = null, identity = null;
        var edge = EdgeMode.Auto;
        var timeout = TimeSpan.FromSeconds(10);
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "-h" or "--help":
                    options = options with { ShowHelp = true };
                    return true;
                case "--edge": edge = EdgeMode.Edge; break;
                case "--direct": edge = EdgeMode.Direct; break;
                case "--ca-file" or "--identity" or "--timeout" when i + 1 >= args.Length:
                    error = $"{arg} needs a value";
                    return false;
                case "--ca-file": ca = args[++i]; break;
                case "--identity": identity = args[++i]; break;
                case "--timeout":
                    if (!int.TryParse(args[++i], out var seconds) || seconds is < 1 or > 300)
                    {
                        error = $"--timeout must be a number of seconds from 1 to 300 (got '{args[i]}')";
                        return false;
                    }
                    timeout = TimeSpan.FromSeconds(seconds);
                    break;
                default:
                    if (arg.StartsWith('-') || url is not null)
                    {
                        error = $"unexpected argument '{arg}'";
                        return false;
                    }
                    if (!Uri.TryCreate(arg.EndsWith('/') ? arg : arg + "/", UriKind.Absolute, out url) || url.Scheme is not ("http" or "https"))
                    {
                        error = $"'{arg}' is not an http(s) base URL";
                        return false;
                    }
                    break;
            }
        }
        if (url is null)
        {
            error = "the base URL is missing";
            return false;
        }
        if (ca is not null && !File.Exists(ca))
        {
            error = $"--ca-file {ca}: no such file";
            return false;
        }
        options = new SmokeOptions { BaseUrl = url, CaFile = ca, Edge = edge, IdentityFile = identity, Timeout = timeout };
        return true;
    }
}
