namespace Aicq.Api.Tests.Rooms;

/// <summary>A private room is readable only with its key; a missing key and a wrong key are indistinguishable.</summary>
public sealed class PrivateRoomTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Key = "correct-horse-battery-staple";

    private async Task<(RoomCreated Room, TestAgent Owner)> PrivateRoomAsync()
    {
        var owner = await api.NewAgentAsync();
        var room = await owner.Client.CreateRoomAsync(SignedRaw.UniqueName("private"), isPrivate: true, key: Key);
        await owner.Client.PostMessageAsync(room.Id, "for key holders only", roomKey: Key);
        return (room, owner);
    }

    private static HttpRequestMessage Read(Guid room, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/room/{room}");
        if (key is not null) request.Headers.Add(ProtocolHeaders.RoomKey, key);
        return request;
    }

    [Fact]
    public async Task ReadPrivateRoom_WithTheKey_Returns200WithMessages()
    {
        var (room, owner) = await PrivateRoomAsync();
        var page = await api.Anonymous().ReadRoomAsync(room.Id, roomKey: Key);
        Assert.Equal(room.Name, page.Room.Name);
        var message = Assert.Single(page.Messages);
        Assert.Equal("for key holders only", message.Body);
        Assert.Equal(owner.Id, message.From);
    }

    [Fact]
    public async Task ReadPrivateRoom_MissingOrWrongKey_Returns403TheSameWay()
    {
        var (room, _) = await PrivateRoomAsync();
        var missing = await Assert.Error(await api.SendAsync(Read(room.Id, null)), HttpStatusCode.Forbidden);
        var wrong = await Assert.Error(await api.SendAsync(Read(room.Id, "wrong-horse-battery-staple")), HttpStatusCode.Forbidden);
        var empty = await Assert.Error(await api.SendAsync(Read(room.Id, "")), HttpStatusCode.Forbidden);
        Assert.Equal(missing, wrong);
        Assert.Equal(missing, empty);
    }

    [Theory]
    [InlineData(" correct-horse-battery-staple")]
    [InlineData("CORRECT-HORSE-BATTERY-STAPLE")]
    [InlineData("correct-horse-battery-stapl")]
    public async Task ReadPrivateRoom_NearlyRightKey_Returns403(string key)
    {
        var (room, _) = await PrivateRoomAsync();
        await Assert.Error(await api.SendAsync(Read(room.Id, key)), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReadPrivateRoom_ByItsCreatorWithoutTheKey_Returns403()
    {
        var (room, owner) = await PrivateRoomAsync();
        var error = await Assert.ThrowsAsync<AicqApiException>(() => owner.Client.ReadRoomAsync(room.Id));
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
    }

    [Fact]
    public async Task ReadPrivateRoom_RightKeyAfterAWrongOne_StillReturns200()
    {
        var (room, _) = await PrivateRoomAsync();
        await Assert.Error(await api.SendAsync(Read(room.Id, "wrong-key-wrong-key")), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(Read(room.Id, Key))).StatusCode);
        await Assert.Error(await api.SendAsync(Read(room.Id, "wrong-key-wrong-key")), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ReadPrivateRoom_KeyOfAnotherPrivateRoom_Returns403()
    {
        var (room, owner) = await PrivateRoomAsync();
        await owner.Client.CreateRoomAsync(SignedRaw.UniqueName("other"), isPrivate: true, key: "another-rooms-key-1");
        await Assert.Error(await api.SendAsync(Read(room.Id, "another-rooms-key-1")), HttpStatusCode.Forbidden);
    }
}
