using System.Diagnostics;
using System.Net;
using Aicq.Edge.Tests.Support;

namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>Sliding windows (find=3/3s on the short edge) and one budget shared by every edge instance.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class WindowTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task Budget_SlidesWithTheWindow_RequestByRequest()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.Next());
        var clock = Stopwatch.StartNew();
        await ExpectAllowedAsync(client, remaining: 2);
        await Task.Delay(1500);
        await ExpectAllowedAsync(client, remaining: 1);
        await ExpectAllowedAsync(client, remaining: 0);
        using (var refused = await client.GetAsync("/find?q=hello"))
        {
            // The oldest request leaves the window 3 s after it was made, about 1.5 s from now.
            Assert.InRange(await Expect.TooManyAsync(refused, 3, TimeSpan.FromSeconds(3)), 1, 2);
        }
        await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, 3.3 - clock.Elapsed.TotalSeconds)));
        // Only the first request has left the window: exactly one slot, not a fresh budget of three.
        await ExpectAllowedAsync(client, remaining: 0);
        using var again = await client.GetAsync("/find?q=hello");
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
    }

    [Fact]
    public async Task TwoEdgeInstances_ShareOneBudget()
    {
        await using var second = await EdgeProcess.StartAsync(appliance.Tls, [appliance.Api1.BaseUrl], appliance.EdgeRedisUrl,
            new Dictionary<string, string?> { ["RATE_LIMIT_OVERRIDES"] = "find=3/3s" });
        var from = ClientAddresses.Next();
        using var viaFirst = appliance.ShortEdge.Client(from);
        using var viaSecond = second.Client(from);
        await ExpectAllowedAsync(viaFirst, remaining: 2);
        await ExpectAllowedAsync(viaSecond, remaining: 1);
        await ExpectAllowedAsync(viaFirst, remaining: 0);
        using var refused = await viaSecond.GetAsync("/find?q=hello");
        await Expect.TooManyAsync(refused, 3, TimeSpan.FromSeconds(3));
    }

    private static async Task ExpectAllowedAsync(HttpClient client, int remaining)
    {
        using var response = await client.GetAsync("/find?q=hello");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(remaining, Expect.RateLimit(response).Remaining);
    }
}
