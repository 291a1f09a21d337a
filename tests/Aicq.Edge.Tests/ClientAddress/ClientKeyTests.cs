using Aicq.Edge.ClientAddress;

namespace Aicq.Edge.Tests.ClientAddress;

public sealed class ClientKeyTests
{
    [Theory]
    [InlineData("198.51.100.7", "198.51.100.7")]
    [InlineData("::ffff:198.51.100.7", "198.51.100.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void IpScopedBudgets_KeyOnIPv4Addresses_AndOnIPv6Slash64s(string address, string key) =>
        Assert.Equal(key, ClientKey.For(IPAddress.Parse(address)));
}
