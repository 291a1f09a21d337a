using Aicq.Edge.Admin;
using Aicq.Edge.ClientAddress;
using Aicq.Edge.Forwarding;
using Aicq.Edge.RateLimiting;
using Aicq.Edge.Regions;
using Aicq.Edge.Tls;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Settings;

/// <summary>Every environment variable the edge reads, one section per feature (see README.md's table).</summary>
internal sealed record EdgeSettings
{
    /// <summary>The name in logs, metrics and <c>--check-config</c>.</summary>
    public const string ServiceName = "aicq-edge";

    public required CommonSettings Common { get; init; }
    public required ListenSettings Listen { get; init; }
    public required TlsSettings Tls { get; init; }
    public required ClientAddressSettings ClientAddress { get; init; }
    public required ForwardingSettings Forwarding { get; init; }
    public required RateLimitSettings RateLimits { get; init; }
    public required BlockSettings Blocks { get; init; }
    public required AdminSettings Admin { get; init; }
    public required RegionSettings Regions { get; init; }

    public static EdgeSettings Read(SettingsReader reader)
    {
        var common = CommonSettings.Read(reader, ServiceName);
        var listen = ListenSettings.Read(reader);
        return new EdgeSettings
        {
            Common = common,
            Listen = listen,
            Tls = TlsSettings.Read(reader, required: listen.HttpsPort > 0),
            ClientAddress = ClientAddressSettings.Read(reader),
            Forwarding = ForwardingSettings.Read(reader),
            RateLimits = RateLimitSettings.Read(reader),
            Blocks = BlockSettings.Read(reader),
            Admin = AdminSettings.Read(reader),
            Regions = RegionSettings.Read(reader, common.Service),
        };
    }
}
