namespace Aicq.Edge.Tests.Forwarding;

/// <summary>One request id from client to edge to API and back, in both services' logs; a W3C traceparent alongside.</summary>
[Collection(ApplianceCollection.Name)]
public sealed partial class RequestIdTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task WellFormedRequestId_IsForwardedReturned_AndLoggedByEdgeAndApi()
    {
        var requestId = $"edge-rid-{Guid.NewGuid():N}";
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/api");
        request.Headers.Add("X-Request-ID", requestId);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(requestId, Expect.Header(response, "X-Request-ID"));
        Assert.True(await LoggedAsync(() => appliance.Edge.Logged(requestId)), "the edge did not log the id");
        Assert.True(await LoggedAsync(() => appliance.Api1.Logged(requestId) || appliance.Api2.Logged(requestId)), "the API did not log the id");
    }

    [Fact]
    public async Task MalformedOrMissingRequestId_IsReplaced_AndTheNewOneReachesTheApi()
    {
        using var client = appliance.Edge.Client(ClientAddresses.Next());
        using var request = Requests.Get("/api");
        request.Headers.TryAddWithoutValidation("X-Request-ID", "bad id;with junk");
        using var response = await client.SendAsync(request);

        var made = Expect.Header(response, "X-Request-ID");
        Assert.Matches("^[A-Za-z0-9._:-]{8,128}$", made);
        Assert.True(await LoggedAsync(() => appliance.Api1.Logged(made!) || appliance.Api2.Logged(made!)), "the API did not log the edge's id");
    }

    [Fact]
    public async Task Upstream_ReceivesTheRequestIdAndATraceparentContinuingTheClientsTrace()
    {
        using var client = appliance.EchoEdge.Client(ClientAddresses.Next());
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var path = $"/trace/{Guid.NewGuid():N}";
        using var request = Requests.Get(path);
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");
        using var response = await client.SendAsync(request);

        var seen = Assert.Single(appliance.Echo.For(path)).Headers;
        Assert.Equal(Expect.Header(response, "X-Request-ID"), seen["X-Request-ID"]);
        var traceparent = Traceparent().Match(seen["traceparent"]);
        Assert.True(traceparent.Success, seen["traceparent"]);
        Assert.Equal(traceId, traceparent.Groups["trace"].Value);

        var fresh = $"/trace/{Guid.NewGuid():N}";
        using var _ = await client.GetAsync(fresh);
        Assert.Matches(Traceparent(), Assert.Single(appliance.Echo.For(fresh)).Headers["traceparent"]);
    }

    private static async Task<bool> LoggedAsync(Func<bool> logged)
    {
        for (var attempt = 0; attempt < 50 && !logged(); attempt++) await Task.Delay(100);
        return logged();
    }

    [GeneratedRegex("^00-(?<trace>[0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$")]
    private static partial Regex Traceparent();
}
