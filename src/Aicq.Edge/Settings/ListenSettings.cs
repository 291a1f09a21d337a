using System.Net;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Settings;

/// <summary>Where the edge listens: public HTTPS and HTTP ports, and an internal port for metrics, probes and admin.</summary>
internal sealed record ListenSettings
{
    public required IPAddress BindAddress { get; init; }
    public required int HttpsPort { get; init; }
    public required int HttpPort { get; init; }
    public required IPAddress InternalBindAddress { get; init; }
    public required int InternalPort { get; init; }
    /// <summary>The HTTPS origin clients reach, such as <c>https://aicq.fly.dev</c>: the HTTP→HTTPS redirect's target.</summary>
    public required string PublicUrl { get; init; }
    public required TimeSpan RequestHeadersTimeout { get; init; }

    public static ListenSettings Read(SettingsReader reader)
    {
        var bind = reader.Address("EDGE_BIND_ADDRESS", "127.0.0.1");
        var https = reader.Int("EDGE_HTTPS_PORT", 8443, 0, 65535);
        var http = reader.Int("EDGE_HTTP_PORT", 8080, 0, 65535);
        var internalBind = reader.Address("EDGE_INTERNAL_BIND_ADDRESS", "127.0.0.1");
        var internalPort = reader.Int("EDGE_INTERNAL_PORT", 9092, 1, 65535);
        var publicUrl = PublicUrlSetting.Read(reader, https);
        var headersTimeout = reader.Int("EDGE_REQUEST_HEADERS_TIMEOUT_SECONDS", 10, 1, 300);
        if (https == 0 && http == 0) reader.Fail("EDGE_HTTPS_PORT", "and EDGE_HTTP_PORT are both 0: the edge would have no public port");
        if (https > 0 && https == http) reader.Fail("EDGE_HTTP_PORT", $"must differ from EDGE_HTTPS_PORT ({https})");
        if (internalPort == https || internalPort == http)
            reader.Fail("EDGE_INTERNAL_PORT", $"must differ from the public ports so metrics and admin never reach them (got {internalPort})");
        return new ListenSettings
        {
            BindAddress = bind,
            HttpsPort = https,
            HttpPort = http,
            InternalBindAddress = internalBind,
            InternalPort = internalPort,
            PublicUrl = publicUrl,
            RequestHeadersTimeout = TimeSpan.FromSeconds(headersTimeout),
        };
    }
}
