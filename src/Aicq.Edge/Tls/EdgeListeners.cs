using System.Security.Authentication;
using Aicq.Edge.Hardening;
using Aicq.Edge.Settings;
using Aicq.ServiceDefaults.Http;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace Aicq.Edge.Tls;

internal static class EdgeListeners
{
    /// <summary>
    /// Public HTTPS (TLS 1.2+) and HTTP (redirect only) ports on the public address; metrics, probes and admin on
    /// the internal port, which the public pipeline never serves. On each, Kestrel's own refusals of malformed requests
    /// are answered in the protocol's shape with the edge's security headers (after UseHttps, where the bytes are plaintext).
    /// </summary>
    public static void ListenOnEdgePorts(this WebApplicationBuilder builder, EdgeSettings settings)
    {
        var listen = settings.Listen;
        var headers = SecurityHeaderSets.Edge(CorsPreflightMiddleware.ExposedHeaders);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            KestrelLimits.Apply(kestrel, listen);
            if (listen.HttpsPort > 0)
            {
                kestrel.Listen(listen.BindAddress, listen.HttpsPort, endpoint => endpoint.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = settings.Tls.Certificate,
                    ServerCertificateChain = settings.Tls.Chain,
                    SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13,
                }).UseJsonRefusals(headers));
            }
            if (listen.HttpPort > 0) kestrel.Listen(listen.BindAddress, listen.HttpPort, endpoint => endpoint.UseJsonRefusals(headers));
            kestrel.Listen(listen.InternalBindAddress, listen.InternalPort, endpoint => endpoint.UseJsonRefusals(headers));
        });
    }
}
