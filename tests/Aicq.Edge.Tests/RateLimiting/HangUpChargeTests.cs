using System.Globalization;

namespace Aicq.Edge.Tests.RateLimiting;

/// <summary>
/// Issue 12, finding 1: a client that drops its connection right after sending is charged for every request the real
/// API acted on. (Look-then-charge charged after the answer, which a client that had gone often never got.)
/// </summary>
[Collection(ApplianceCollection.Name)]
public sealed class HangUpChargeTests(ApplianceFixture appliance)
{
    private const string Route = "POST /room/{id}";
    private const int HangUps = 10;

    [Fact]
    public async Task ClientsThatHangUpAfterSending_AreChargedForEveryMessageTheApiStored()
    {
        var agent = await appliance.NewAgentAsync();
        var marker = Guid.NewGuid().ToString("N");
        var signer = new RequestSigner(agent);
        var handled = await HandledAsync();
        for (var i = 0; i < HangUps; i++)
        {
            var body = Encoding.UTF8.GetBytes($"{{\"body\":\"{marker} {i}\"}}");
            await HangUp.PostAsync(appliance.Edge, ClientAddresses.Next(), $"/room/{Requests.GlobalRoom}", body, signer.Sign(body).ToList());
        }
        // The edge counts each request once it is done with it, answered or not.
        for (var i = 0; i < 300 && await HandledAsync() < handled + HangUps; i++) await Task.Delay(100);
        var stored = await StoredAsync(marker);
        Assert.True(stored > 0, "no hung-up request reached the API, so none tests the charge");

        using var client = appliance.Edge.Signed(agent, ClientAddresses.Next());
        using var next = await client.SendAsync(Requests.Post($"/room/{Requests.GlobalRoom}", "{\"body\":\"after the hang-ups\"}"));
        Assert.Equal(HttpStatusCode.Created, next.StatusCode);
        Assert.Equal(30 - stored - 1, Expect.RateLimit(next).Remaining);
    }

    /// <summary>Requests the edge has finished on the route, whatever their status.</summary>
    private async Task<double> HandledAsync()
    {
        using var client = appliance.Edge.Internal();
        var text = await client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(l => l.StartsWith("aicq_edge_requests_total{", StringComparison.Ordinal) && l.Contains($"route=\"{Route}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>Messages carrying <paramref name="marker"/>, read from the API itself.</summary>
    private async Task<int> StoredAsync(string marker)
    {
        using var http = new HttpClient { BaseAddress = new Uri(appliance.Api1.BaseUrl) };
        using var json = JsonDocument.Parse(await http.GetStringAsync($"/room/{Requests.GlobalRoom}?limit=200"));
        return json.RootElement.GetProperty("messages").EnumerateArray()
            .Count(m => m.GetProperty("body").GetString()?.StartsWith(marker, StringComparison.Ordinal) == true);
    }
}
