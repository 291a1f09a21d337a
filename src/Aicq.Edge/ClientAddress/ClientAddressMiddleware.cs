using System.Net;
using Serilog.Context;

namespace Aicq.Edge.ClientAddress;

/// <summary>The client as the edge decided it: what limits, blocks, logs and the API all use.</summary>
internal sealed record ClientAddressFeature(IPAddress Client, IPAddress Peer);

/// <summary>
/// Decides who the client is, once, before anything else: the socket's address, unless the socket belongs to a
/// trusted proxy, whose Fly-Client-IP (Fly mode) or X-Forwarded-For (the rightmost address that is not itself a
/// trusted proxy) names the client. Every inbound forwarding header is then removed, so nothing a client wrote
/// reaches the API; the proxy step sets exactly one X-Forwarded-For and X-Forwarded-Proto of its own.
/// </summary>
internal sealed class ClientAddressMiddleware(RequestDelegate next, ClientAddressSettings settings)
{
    public const string FlyClientIp = "Fly-Client-IP";

    private static readonly string[] ForwardingHeaders =
    [
        "X-Forwarded-For", "X-Forwarded-Proto", "X-Forwarded-Host", "X-Forwarded-Port", "X-Forwarded-Prefix",
        "Forwarded", "X-Real-IP", FlyClientIp, "True-Client-IP", "X-Client-IP",
    ];

    public async Task InvokeAsync(HttpContext context)
    {
        var peer = Normalize(context.Connection.RemoteIpAddress ?? IPAddress.None);
        var headers = context.Request.Headers;
        var client = peer;
        if (settings.IsTrusted(peer))
        {
            client = (settings.TrustFlyClientIp ? Single(headers[FlyClientIp]) : null) ?? FromForwardedFor(headers["X-Forwarded-For"]) ?? peer;
            var proto = headers["X-Forwarded-Proto"].ToString().Split(',')[^1].Trim().ToLowerInvariant();
            if (proto is "http" or "https") context.Request.Scheme = proto;
        }
        foreach (var name in ForwardingHeaders) headers.Remove(name);
        context.Connection.RemoteIpAddress = client;
        context.Features.Set(new ClientAddressFeature(client, peer));
        // Every log line of the request names the socket's peer too: how an operator learns a proxy's addresses.
        using (LogContext.PushProperty("peer", peer.ToString()))
        {
            await next(context);
        }
    }

    public static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static IPAddress? Single(Microsoft.Extensions.Primitives.StringValues values) =>
        values.Count == 1 && IPAddress.TryParse(values.ToString().Trim(), out var address) ? Normalize(address) : null;

    // Proxies append, so the rightmost entries are the most trustworthy: skip our own trusted hops from the right
    // and take the first address that is not one of them. Anything left of it was written by the client.
    private IPAddress? FromForwardedFor(Microsoft.Extensions.Primitives.StringValues values)
    {
        var hops = string.Join(',', values.ToArray()).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        IPAddress? last = null;
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop)) return null;
            last = Normalize(hop);
            if (!settings.IsTrusted(last)) return last;
        }
        return last;
    }
}
