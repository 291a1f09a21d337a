using System.Diagnostics;

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
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            if (await SlidesOnceAsync()) return;
        }
        Assert.Fail("the machine was too slow for a 3 s window in ten attempts");
    }

    /// <summary>One run: false when the measured timing could not show the slide, else every check passed.</summary>
    private async Task<bool> SlidesOnceAsync()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.Next());
        var clock = Stopwatch.StartNew();
        // The edge counts a request somewhere between sending it and reading its answer: it stays in the window
        // from then for 3 s, so surely until sent + 3 s, and surely not after answered + 3 s.
        using var first = await client.GetAsync("/find?q=hello");
        var firstAnswered = clock.Elapsed;
        await Task.Delay(Window / 2);
        var secondSent = clock.Elapsed;
        using var second = await client.GetAsync("/find?q=hello");
        using var third = await client.GetAsync("/find?q=hello");
        using var refused = await client.GetAsync("/find?q=hello");
        if (clock.Elapsed >= Window) return false; // the first may have left the window before the others were counted

        ExpectAllowed(first, remaining: 2);
        ExpectAllowed(second, remaining: 1);
        ExpectAllowed(third, remaining: 0);
        var retryAfter = await Expect.TooManyAsync(refused, 3, Window);
        // The first leaves the window by firstAnswered + 3 s, and the refusal was counted after secondSent.
        Assert.True(TimeSpan.FromSeconds(retryAfter) <= Window - (secondSent - firstAnswered) + TimeSpan.FromSeconds(1),
            $"Retry-After {retryAfter} s, though the first request leaves the window {Window - (secondSent - firstAnswered)} after the second was sent");

        await Task.Delay(firstAnswered + Window - clock.Elapsed + TimeSpan.FromMilliseconds(100));
        using var slot = await client.GetAsync("/find?q=hello");
        using var again = await client.GetAsync("/find?q=hello");
        if (clock.Elapsed >= secondSent + Window) return false; // the second may have left the window too

        // Only the first request has left the window: exactly one slot, not a fresh budget of three.
        ExpectAllowed(slot, remaining: 0);
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
        ExpectAllowed(response, remaining);
    }

    private static void ExpectAllowed(HttpResponseMessage response, int remaining)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(remaining, Expect.RateLimit(response).Remaining);
    }
}
