namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>Ten 429s within the window block an address (3 s blocks on the short edge, channels=2/1m); allow-listed ones never.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class BlockTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task TenViolations_BlockTheAddressEverywhere_UntilTheBlockEnds()
    {
        var offender = ClientAddresses.Next();
        using var client = appliance.ShortEdge.Client(offender);
        await SpendAndViolateAsync(client, violations: 9);
        using (var stillLimited = await client.GetAsync("/api"))
            Assert.Equal(HttpStatusCode.OK, stillLimited.StatusCode);
        using (var tenth = await client.GetAsync("/channels"))
            Assert.Equal(HttpStatusCode.TooManyRequests, tenth.StatusCode);

        using (var blocked = await client.GetAsync("/api"))
        {
            await Expect.ErrorAsync(blocked, HttpStatusCode.Forbidden, "temporarily blocked");
            Expect.SecurityHeaders(blocked);
        }
        using (var neighbour = appliance.ShortEdge.Client(ClientAddresses.Next()))
        using (var fine = await neighbour.GetAsync("/api"))
            Assert.Equal(HttpStatusCode.OK, fine.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(3.5));
        using var afterwards = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, afterwards.StatusCode);
    }

    [Fact]
    public async Task AllowListedAddress_IsStillLimited_ButNeverBlocked()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.NextAllowListed());
        await SpendAndViolateAsync(client, violations: 15);
        using var response = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Spends the channels budget (2) and then collects <paramref name="violations"/> 429s.</summary>
    internal static async Task SpendAndViolateAsync(HttpClient client, int violations)
    {
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await client.GetAsync("/channels");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        for (var i = 0; i < violations; i++)
        {
            using var refused = await client.GetAsync("/channels");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        }
    }
}
