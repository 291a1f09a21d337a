namespace Aicq.Api.Tests.Signing;

/// <summary>
/// The timestamp window, tested against a frozen server clock. The default window is 30 s and its edge is
/// inclusive. The server tolerates up to 1 s of client clock running ahead; further ahead is "in the future".
/// </summary>
public sealed class SignatureWindowTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private const long WindowMs = 30_000;
    private const long FutureToleranceMs = 1_000;

    public void Dispose() => api.Clock.Unfreeze();

    private async Task<HttpResponseMessage> CreateRoomSignedAtAsync(Func<long, long> timestamp)
    {
        var agent = await api.NewAgentAsync();
        var now = api.Clock.Freeze().ToUnixTimeMilliseconds();
        var body = SignedRaw.RoomJson(SignedRaw.UniqueName("window"));
        return await api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, "/room", body, timestamp: timestamp(now)));
    }

    [Fact]
    public async Task Timestamp_ExactlyAtTheWindowEdge_IsAccepted()
    {
        var response = await CreateRoomSignedAtAsync(now => now - WindowMs);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Timestamp_OneMillisecondOlderThanTheWindow_Returns401()
    {
        await Assert.Error(await CreateRoomSignedAtAsync(now => now - WindowMs - 1), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Timestamp_InSeconds_IsFarOutsideTheWindow_Returns401()
    {
        await Assert.Error(await CreateRoomSignedAtAsync(now => now / 1000), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Timestamp_EqualToServerTime_IsAccepted()
    {
        Assert.Equal(HttpStatusCode.Created, (await CreateRoomSignedAtAsync(now => now)).StatusCode);
    }

    [Fact]
    public async Task Timestamp_OneSecondAhead_IsToleratedAsClockSkew()
    {
        var response = await CreateRoomSignedAtAsync(now => now + FutureToleranceMs);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Timestamp_MoreThanOneSecondAhead_Returns401()
    {
        await Assert.Error(await CreateRoomSignedAtAsync(now => now + FutureToleranceMs + 1), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Timestamp_FarInTheFuture_Returns401()
    {
        await Assert.Error(await CreateRoomSignedAtAsync(now => now + 60_000), HttpStatusCode.Unauthorized);
    }
}
