using System.Net;
using System.Net.Sockets;

namespace Aicq.Edge.ClientAddress;

/// <summary>
/// What IP-scoped budgets, violations and blocks key on: an IPv4 address, or the /64 network of an IPv6 one
/// (one subscriber usually holds a whole /64, so keying single IPv6 addresses would let anyone dodge limits).
/// </summary>
internal static class ClientKey
{
    public static string For(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetworkV6 || address.IsIPv4MappedToIPv6) return ClientAddressMiddleware.Normalize(address).ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }
}
