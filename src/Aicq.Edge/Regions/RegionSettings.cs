using System.Text.RegularExpressions;
using Aicq.ServiceDefaults;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Regions;

/// <summary>
/// Where this machine runs and where writes are decided, as Fly tells every machine: <c>FLY_REGION</c> (read once, by
/// <see cref="ServiceInfo"/>) and <c>PRIMARY_REGION</c> (fly.toml's <c>primary_region</c>). Neither set: one region,
/// nothing is replayed. Both set and different: a replica region, whose edge sends writes to the primary.
/// </summary>
internal sealed partial record RegionSettings
{
    public string? Region { get; init; }
    public string? PrimaryRegion { get; init; }

    /// <summary>This machine runs outside the region where writes (and nonces) are decided.</summary>
    public bool IsReplica => PrimaryRegion is not null && Region is not null && Region != PrimaryRegion;

    public static RegionSettings Read(SettingsReader reader, ServiceInfo service)
    {
        var primary = reader.OptionalString("PRIMARY_REGION");
        var region = service.Region;
        // Half a configuration would decide writes in whichever region a request reached: refuse to start instead.
        if (primary is null && region is not null)
            reader.Fail("PRIMARY_REGION", "is required when FLY_REGION is set (fly.toml's primary_region sets it): without it a replica region would decide writes and nonces itself");
        if (primary is not null && region is null)
            reader.Fail("FLY_REGION", "is required when PRIMARY_REGION is set (Fly sets it on every machine)");
        Check(reader, "PRIMARY_REGION", primary);
        Check(reader, "FLY_REGION", region);
        return new RegionSettings { Region = region, PrimaryRegion = primary };
    }

    /// <summary>Whether <paramref name="value"/> has the form of a Fly region code.</summary>
    public static bool IsRegionCode(string value) => RegionCode().IsMatch(value);

    private static void Check(SettingsReader reader, string name, string? value)
    {
        if (value is not null && !IsRegionCode(value))
            reader.Fail(name, $"must be a Fly region code, three lowercase letters such as iad or lhr (got '{value}')");
    }

    [GeneratedRegex("^[a-z]{3}$")]
    private static partial Regex RegionCode();
}
