using System.Net;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.RateLimiting;

/// <summary>When repeated 429s turn into a block, for how long, and which addresses are never blocked.</summary>
internal sealed record BlockSettings
{
    public required int Threshold { get; init; }
    public required TimeSpan Window { get; init; }
    public required TimeSpan Duration { get; init; }
    public required IReadOnlyList<IPNetwork> AllowList { get; init; }

    public static BlockSettings Read(SettingsReader reader) => new()
    {
        Threshold = reader.Int("BLOCK_THRESHOLD", 10, 1, 10_000),
        Window = TimeSpan.FromSeconds(reader.Int("BLOCK_WINDOW_SECONDS", 3600, 1, 7 * 86400)),
        Duration = TimeSpan.FromSeconds(reader.Int("BLOCK_DURATION_SECONDS", 86400, 1, 30 * 86400)),
        AllowList = reader.Networks("ALLOW_LIST", ""),
    };

    public bool IsAllowListed(IPAddress address) => AllowList.Any(n => n.Contains(address));
}
