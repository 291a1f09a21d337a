using Aicq.ServiceDefaults.Settings;

namespace Aicq.StatusPage.Settings;

/// <summary>The signed synthetic agent: where it goes, how often, and where it keeps its identity.</summary>
public sealed record CanarySettings
{
    /// <summary>The AICQ base URL the agent uses (the public edge in production); null: the canary is not monitored.</summary>
    public Uri? Url { get; init; }
    public required TimeSpan Interval { get; init; }
    public required TimeSpan StepTimeout { get; init; }
    public required string StateDirectory { get; init; }

    public static CanarySettings Read(SettingsReader reader)
    {
        var interval = reader.Int("STATUS_CANARY_INTERVAL_SECONDS", 30, 1, 3600);
        var timeout = reader.Int("STATUS_CANARY_TIMEOUT_SECONDS", 10, 1, 120);
        return new CanarySettings
        {
            Url = ProbeSettings.OptionalUrl(reader, "STATUS_CANARY_URL"),
            Interval = TimeSpan.FromSeconds(interval),
            StepTimeout = TimeSpan.FromSeconds(timeout),
            StateDirectory = Path.GetFullPath(reader.String("STATUS_CANARY_STATE_DIR", ".aicq/status")),
        };
    }
}
