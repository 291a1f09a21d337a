namespace Aicq.Api.Tests.Rooms;

/// <summary>
/// Key checks are counted in Redis; while it is away they fail closed. A wrong key then answers 503 (it would be a 403 had
/// the hash run without its count), so an outage never turns into unlimited guessing.
/// </summary>
public sealed class KeyChecksDuringRedisOutageTests(OwnRedisApiFactory api) : IClassFixture<OwnRedisApiFactory>
{
    [Fact]
    public async Task WrongKey_WhileRedisIsStopped_Returns503WithRetryAfter_NotA403()
    {
        var owner = await api.NewAgentAsync();
        var room = await owner.Client.CreateRoomAsync(SignedRaw.UniqueName("outage"), isPrivate: true, key: "outage-room-key-0123456789");
        await api.Redis.StopAsync();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/room/{room.Id}");
            request.Headers.Add(ProtocolHeaders.RoomKey, "a-wrong-key-during-the-outage");
            using var response = await api.SendAsync(request);
            await Assert.Error(response, HttpStatusCode.ServiceUnavailable);
            Assert.NotNull(response.Headers.RetryAfter);
        }
        finally
        {
            await api.Redis.StartAgainAsync();
        }
    }
}
