using System.Diagnostics;
using System.Net;
using Aicq.Edge.Tests.Support;

namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>Sliding windows (find=3/3s on the short edge) and one budget shared by every edge instance.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class WindowTests(ApplianceFixture appliance)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(3);

    [Fact]
    public async Task Budget_SlidesWithTheWindow_RequestByRequest()
    {
        // Each run checks its own timing: when this machine's scheduling delay broke the premise (the first request
        // left the window too early, or the second had left it before the last check), the run proves nothing and
        // is repeated from a fresh client address, never judged against a wall-clock window.
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            if (await SlidesOnceAsync()) return;
        }
        Assert.Fail("the machine was too slow for a 3 s window in five attempts");
    }

    /// <summary>One run: false when the measured timing could not show the slide, else every check passed.</summary>
    private async Task<bool> SlidesOnceAsync()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.Next());
        var clock = Stopwatch.StartNew();
        await ExpectAllowedAsync(client, remaining: 2);
        var firstAnswered = clock.Elapsed;
        await Task.Delay(Window / 2);
        var secondSent = clock.Elapsed;
        await ExpectAllowedAsync(client, remaining: 1);
        await ExpectAllowedAsync(client, remaining: 0);
        using (var refused = await client.GetAsync("/find?q=hello"))
        {
            // The first request was counted by firstAnswered, so it is still in the window until then + 3 s.
            if (clock.Elapsed >= firstAnswered + Window) return false;
            var retryAfter = await Expect.TooManyAsync(refused, 3, Window);
            Assert.True(TimeSpan.FromSeconds(retryAfter) <= Window - (secondSent - firstAnswered) + TimeSpan.FromSeconds(1),
                $"Retry-After {retryAfter} s, though the first request leaves the window by {firstAnswered + Window}, sent more than {secondSent - firstAnswered} before");
        }
        await Task.Delay(firstAnswered + Window - clock.Elapsed + TimeSpan.FromMilliseconds(100));
        // Only the first request has left the window: exactly one slot, not a fresh budget of three.
        using var slot = await client.GetAsync("/find?q=hello");
        using var again = await client.GetAsync("/find?q=hello");
        // The second request was counted no sooner than it was sent: until secondSent + 3 s it is surely in the window.
        if (clock.Elapsed >= secondSent + Window) return false;
        Assert.Equal(HttpStatusCode.OK, slot.StatusCode);
        Assert.Equal(0, Expect.RateLimit(slot).Remaining);
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        return true;
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
