namespace Aicq.Testing.Edge;

/// <summary>
/// Distinct loopback source addresses (any of 127.0.0.0/8 can be bound locally), one per simulated client, so
/// tests never share an address's budget, violations or block.
/// </summary>
public static class ClientAddresses
{
    /// <summary>The range the allow-listing edges exempt from blocks; <see cref="Next"/> never hands these out.</summary>
    public const string AllowListed = "127.0.200.0/24";

    private static int _next;
    private static int _nextAllowListed;

    public static IPAddress Next()
    {
        var n = Interlocked.Increment(ref _next);
        return IPAddress.Parse($"127.0.{1 + n / 250}.{1 + n % 250}");
    }

    public static IPAddress NextAllowListed() => IPAddress.Parse($"127.0.200.{1 + Interlocked.Increment(ref _nextAllowListed) % 250}");
}
