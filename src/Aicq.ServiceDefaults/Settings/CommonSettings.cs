namespace Aicq.ServiceDefaults.Settings;

public enum LogFormat { Json, Console }

public enum DeploymentEnvironment { Development, Staging, Production, Test }

/// <summary>Settings every AICQ service reads the same way.</summary>
public sealed record CommonSettings
{
    public required ServiceInfo Service { get; init; }
    public required string LogLevel { get; init; }
    public required LogFormat LogFormat { get; init; }
    public required DeploymentEnvironment Environment { get; init; }
    public required TimeSpan ShutdownTimeout { get; init; }
    public required TimeSpan ShutdownDelay { get; init; }
    public string? OtlpLogsEndpoint { get; init; }
    /// <summary>When set, logs go to this file (rotated by size) instead of stdout.</summary>
    public string? LogFile { get; init; }
    public required long LogFileMaxBytes { get; init; }
    public required int LogFileCount { get; init; }

    private static readonly string[] Levels = ["verbose", "debug", "information", "warning", "error", "fatal"];

    public static CommonSettings Read(SettingsReader reader, string serviceName)
    {
        var service = ServiceInfo.Read(serviceName, reader);
        var environment = reader.Choice("ENV", DeploymentEnvironment.Development);
        var level = reader.String("LOG_LEVEL", "information").ToLowerInvariant();
        if (level == "info") level = "information";
        if (!Levels.Contains(level)) reader.Fail("LOG_LEVEL", $"must be one of {string.Join(", ", Levels)} (got '{level}')");
        var format = reader.Choice("LOG_FORMAT", environment == DeploymentEnvironment.Development ? LogFormat.Console : LogFormat.Json);
        return new CommonSettings
        {
            Service = service,
            Environment = environment,
            LogLevel = level,
            LogFormat = format,
            ShutdownTimeout = TimeSpan.FromSeconds(reader.Int("SHUTDOWN_TIMEOUT_SECONDS", 25, 1, 600)),
            ShutdownDelay = TimeSpan.FromSeconds(reader.Int("SHUTDOWN_DELAY_SECONDS", 0, 0, 60)),
            OtlpLogsEndpoint = reader.OptionalString("OTLP_LOGS_ENDPOINT"),
            LogFile = reader.OptionalString("LOG_FILE"),
            LogFileMaxBytes = reader.Int("LOG_FILE_MAX_KB", 10 * 1024, 16, 1024 * 1024) * 1024L,
            LogFileCount = reader.Int("LOG_FILE_COUNT", 5, 1, 100),
        };
    }
}
