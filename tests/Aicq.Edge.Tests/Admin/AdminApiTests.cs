using System.Net.Http.Json;
using Aicq.Edge.Tests.RateLimiting;

namespace Aicq.Edge.Tests.Admin;

/// <summary>Operators list and lift blocks on the internal port, with the admin token.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class AdminApiTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task Operator_ListsABlock_AndLiftsIt()
    {
        var offender = ClientAddresses.Next();
        using var client = appliance.ShortEdge.Client(offender);
        await BlockTests.SpendAndViolateAsync(client, violations: 10);
        using (var blocked = await client.GetAsync("/api"))
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);

        using var admin = appliance.ShortEdge.Internal();
        var list = await admin.GetFromJsonAsync<JsonElement>("/admin/blocks");
        var entry = list.GetProperty("blocks").EnumerateArray().Single(b => b.GetProperty("ip").GetString() == offender.ToString());
        Assert.True(entry.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        Assert.True(entry.GetProperty("blocked_at").GetDateTimeOffset() <= DateTimeOffset.UtcNow.AddSeconds(1));

        using (var lifted = await admin.DeleteAsync($"/admin/blocks/{offender}"))
            Assert.Equal(HttpStatusCode.NoContent, lifted.StatusCode);
        using (var free = await client.GetAsync("/api"))
            Assert.Equal(HttpStatusCode.OK, free.StatusCode);
        using var again = await admin.DeleteAsync($"/admin/blocks/{offender}");
        await Expect.ErrorAsync(again, HttpStatusCode.NotFound, "not blocked");
    }

    [Fact]
    public async Task AdminEndpoints_RefuseAMissingOrWrongToken()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(appliance.ShortEdge.InternalUrl) };
        using (var missing = await anonymous.GetAsync("/admin/blocks"))
            await Expect.ErrorAsync(missing, HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", EdgeProcess.AdminToken + "x");
        using var wrong = await anonymous.DeleteAsync("/admin/blocks/127.0.0.9");
        await Expect.ErrorAsync(wrong, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdminEndpoints_AreNotFoundOnThePublicPort_EvenWithTheToken()
    {
        using var client = appliance.ShortEdge.Client(ClientAddresses.Next());
        client.DefaultRequestHeaders.Authorization = new("Bearer", EdgeProcess.AdminToken);
        using var response = await client.GetAsync("/admin/blocks");
        await Expect.ErrorAsync(response, HttpStatusCode.NotFound);
    }
}
