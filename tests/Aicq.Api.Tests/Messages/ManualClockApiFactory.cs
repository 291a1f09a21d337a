using Aicq.Api.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Aicq.Api.Tests.Messages;

/// <summary>A server clock the test sets and moves by hand, for windows longer than a test may wait.</summary>
public sealed class ManualClock : TimeProvider
{
    // Near real time, so nothing the server keeps for 24 h is expired by it; on a whole minute, so tests can aim at minute edges.
    private DateTimeOffset _now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 60_000 * 60_000);

    public override DateTimeOffset GetUtcNow() => _now;

    /// <summary>Moves to <paramref name="offset"/> past the start of a fresh minute after the current time.</summary>
    public void SetToNextMinutePlus(TimeSpan offset) =>
        _now = DateTimeOffset.FromUnixTimeMilliseconds((_now.ToUnixTimeMilliseconds() / 60_000 + 2) * 60_000) + offset;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>The real API on a <see cref="ManualClock"/>; clients must sign with the same clock.</summary>
public sealed class ManualClockApiFactory : ApiFactory
{
    public ManualClock Manual { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Manual));
    }
}
