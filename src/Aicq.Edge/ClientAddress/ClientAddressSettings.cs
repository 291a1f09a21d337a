using System.Net;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.ClientAddress;

/// <summary>Which peers may tell the edge who the client is.</summary>
internal sealed record ClientAddressSettings
{
    public required IReadOnlyList<IPNetwork> TrustedProxies { get; init; }
    /// <summary>Take the client from Fly-Client-IP (set by Fly's proxy) rather than X-Forwarded-For.</summary>
    public required bool TrustFlyClientIp { get; init; }

    public static ClientAddressSettings Read(SettingsReader reader)
    {
        var trusted = reader.Networks("TRUSTED_PROXIES", "");
        var fly = reader.Bool("TRUST_FLY_CLIENT_IP", false);
        if (fly && trusted.Count == 0)
            reader.Fail("TRUST_FLY_CLIENT_IP", "needs TRUSTED_PROXIES naming the addresses Fly's proxy connects from; otherwise any client could set Fly-Client-IP");
        return new ClientAddressSettings { TrustedProxies = trusted, TrustFlyClientIp = fly };
    }

    public bool IsTrusted(IPAddress peer) => TrustedProxies.Any(n => n.Contains(peer));
}
