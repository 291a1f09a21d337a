using System.Net.Security;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// Kestrel refuses some requests while it parses them, before any middleware runs (a bad request line or header line, a
/// missing Host, an unknown HTTP version, a request line or headers past its ceilings), and answers with a bare status.
/// This puts the protocol's answer in its place on the wire: the same status, <c>{"error": "..."}</c>, JSON's
/// Content-Type, the service's security headers and <c>Connection: close</c>, after which Kestrel closes as before.
/// </summary>
public static class KestrelRefusals
{
    /// <summary>
    /// Answers Kestrel's own refusals on this endpoint in the protocol's shape with <paramref name="securityHeaders"/>.
    /// Call it after <c>UseHttps</c>, so that it sees the plaintext. HTTP/2 connections are left alone: there Kestrel
    /// refuses a malformed request with RST_STREAM or GOAWAY, not with an HTTP answer.
    /// </summary>
    public static ListenOptions UseJsonRefusals(this ListenOptions listen, SecurityHeaderSet securityHeaders)
    {
        var refusals = new KestrelRefusalAnswer(securityHeaders.OfRefusals());
        listen.Use(next => async connection =>
        {
            var protocol = connection.Features.Get<ITlsApplicationProtocolFeature>()?.ApplicationProtocol ?? default;
            if (protocol.Span.SequenceEqual(SslApplicationProtocol.Http2.Protocol.Span))
            {
                await next(connection);
                return;
            }
            var transport = connection.Transport;
            connection.Transport = new RefusalRewritingPipe(transport, refusals);
            try
            {
                await next(connection);
            }
            finally
            {
                connection.Transport = transport;
            }
        });
        return listen;
    }
}
