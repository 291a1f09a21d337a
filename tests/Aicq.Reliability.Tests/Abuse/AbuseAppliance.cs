namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// One appliance for the whole abuse suite, its edge started with the protocol's published limits and block rules
/// (no multiplier): the attacks must meet exactly what production answers. Every case plays its clients from
/// addresses of its own (<see cref="NextAddress"/>), so their budgets, violations and blocks never meet.
/// </summary>
public sealed class AbuseAppliance : IAsyncLifetime
{
    private static int _lastAddress;

    public ReliabilityAppliance Appliance { get; private set; } = null!;

    /// <summary>A client address no other case in this process uses: 127.60.x.y (any of 127.0.0.0/8 binds locally).</summary>
    public static IPAddress NextAddress()
    {
        var n = Interlocked.Increment(ref _lastAddress);
        return new IPAddress([127, 60, (byte)(n / 250), (byte)(1 + n % 250)]);
    }

    public async Task InitializeAsync() => Appliance = await ReliabilityAppliance.StartAsync();

    public async Task DisposeAsync()
    {
        if (Appliance is not null) await Appliance.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AbuseCollection : ICollectionFixture<AbuseAppliance>
{
    public const string Name = "Abuse suite appliance";
}
