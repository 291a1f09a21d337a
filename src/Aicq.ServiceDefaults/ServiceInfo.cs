using System.Reflection;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.ServiceDefaults;

/// <summary>Who this process is: surfaced in logs, /health and aicq_build_info.</summary>
public sealed record ServiceInfo
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required string Commit { get; init; }
    public string? Region { get; init; }
    public string? Instance { get; init; }

    /// <summary>The build's own version and commit unless the deployment names them; read like every other setting.</summary>
    public static ServiceInfo Read(string name, SettingsReader reader)
    {
        var assembly = Assembly.GetEntryAssembly() ?? typeof(ServiceInfo).Assembly;
        var informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        // The SDK appends "+<SourceRevisionId>" to the informational version when a commit is known.
        var plus = informational.IndexOf('+');
        var version = plus < 0 ? informational : informational[..plus];
        var commit = plus < 0 ? "unknown" : informational[(plus + 1)..];
        var region = reader.OptionalString("FLY_REGION");
        // Fly names the machine; elsewhere (compose, the local launcher) AICQ_INSTANCE tells replicas apart.
        var flyMachine = reader.OptionalString("FLY_ALLOC_ID");
        var instance = reader.OptionalString("AICQ_INSTANCE");
        return new ServiceInfo
        {
            Name = name,
            Version = reader.String("AICQ_VERSION", version),
            Commit = reader.String("AICQ_COMMIT", commit),
            Region = region,
            Instance = flyMachine ?? instance,
        };
    }
}
