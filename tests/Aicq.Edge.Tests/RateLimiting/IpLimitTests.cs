namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>The protocol's IP-scoped rows, at their published limits, against the real API.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class IpLimitTests(ApplianceFixture appliance)
{
    public static TheoryData<string, int, int> IpRows => new()
    {
        { "/who/{new-uuid}", 100, 60 },
        { "/channels", 60, 60 },
        { "/find?q=hello+world", 30, 60 },
        // Unsigned reads prove no agent, so they spend the address's budget.
        { "/room/00000000-0000-0000-0000-000000000001?limit=1", 120, 60 },
        // Anything else (the catch-all route, "other"): a scanner walking unknown paths is limited too.
        { "/no/such/{new-uuid}", 60, 60 },
    };

    [Theory]
    [MemberData(nameof(IpRows))]
    public async Task IpRoute_AllowsExactlyItsLimit_ThenAnswers429WithRetryAfter(string path, int limit, int windowSeconds)
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        for (var i = 1; i <= limit; i++)
        {
            using var response = await client.SendAsync(Requests.Get(Expand(path)));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
            Assert.True((int)response.StatusCode < 500, $"request {i}: {(int)response.StatusCode}");
            Assert.Equal((limit, limit - i), Budget(response));
        }
        using var refused = await client.SendAsync(Requests.Get(Expand(path)));
        await Expect.TooManyAsync(refused, limit, TimeSpan.FromSeconds(windowSeconds));
    }

    [Fact]
    public async Task Register_AllowsTenPerHourPerAddress_WhateverTheKey()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        for (var i = 1; i <= 10; i++)
        {
            using var response = await client.SendAsync(Requests.Register());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal((10, 10 - i), Budget(response));
        }
        using var refused = await client.SendAsync(Requests.Register());
        await Expect.TooManyAsync(refused, 10, TimeSpan.FromHours(1));

        using var neighbour = appliance.Edge.Client(ClientAddresses.Next());
        using var fresh = await neighbour.SendAsync(Requests.Register());
        Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
    }

    [Fact]
    public async Task UnlimitedRoutes_CarryNoRateLimitHeaders()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Expect.Header(response, "X-RateLimit-Limit"));
    }

    private static (int, int) Budget(HttpResponseMessage response)
    {
        var (limit, remaining, _) = Expect.RateLimit(response);
        return (limit, remaining);
    }

    private static string Expand(string path) => path.Replace("{new-uuid}", Guid.NewGuid().ToString());
}
