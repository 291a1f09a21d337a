using System.Reflection;

namespace Aicq.ServiceDefaults;

/// <summary>Who this process is: surfaced in logs, /health and aicq_build_info.</summary>
public sealed record ServiceInfo
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Commit { get; init; }
    public string? Region { get; init; }
    public string? Instance { get; init; }

    public static ServiceInfo ForEntryAssembly(string name, IConfiguration configuration)
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(ServiceInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // The SDK appends "+<SourceRevisionId>" to the informational version when a commit is known.
        var plus = informational.IndexOf('+');
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        return new ServiceInfo
        {
            Name = name,
            Version = Blank(configuration["AICQ_VERSION"]) ?? version,
            Commit = Blank(configuration["AICQ_COMMIT"]) ?? commit,
            Region = Blank(configuration["FLY_REGION"]),
            // Fly names the machine; elsewhere (compose, the local launcher) AICQ_INSTANCE tells replicas apart.
            Instance = Blank(configuration["FLY_ALLOC_ID"]) ?? Blank(configuration["AICQ_INSTANCE"]),
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
