using NUlid;

namespace Aicq.Api.Tests.Messages;

/// <summary>
/// Without the key of a private room nobody learns whether a message id exists in it: every call answers a real
/// message and a made-up one byte for byte alike. Issue 12 found DELETE saying 403 for a real message and 404 for a
/// made-up one. Its author and the admin agent delete their messages as the protocol says (they know them anyway).
/// </summary>
public sealed class PrivateMessageExistenceTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Key = "existence-oracle-room-key";

    private async Task<(Guid Room, MessageCreated Real, string MadeUp, TestAgent Author)> PrivateMessageAsync()
    {
        var author = await api.NewAgentAsync();
        var room = await author.Client.CreateRoomAsync(SignedRaw.UniqueName("oracle"), isPrivate: true, key: Key);
        var real = await author.Client.PostMessageAsync(room.Id, "a secret that exists", roomKey: Key);
        return (room.Id, real, Ulid.NewUlid().ToString(), author);
    }

    private async Task<string> AnswerAsync(HttpRequestMessage request)
    {
        using var response = await api.SendAsync(request);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key")]
    public async Task DeleteInPrivateRoom_ByAnotherAgentWithoutTheKey_AnswersRealAndMadeUpMessagesAlike(string? key)
    {
        var (room, real, madeUp, _) = await PrivateMessageAsync();
        var stranger = await api.NewAgentAsync();
        var forReal = await AnswerAsync(SignedRaw.Signed(stranger, HttpMethod.Delete, $"/room/{room}/{real.Id}", roomKey: key));
        var forMadeUp = await AnswerAsync(SignedRaw.Signed(stranger, HttpMethod.Delete, $"/room/{room}/{madeUp}", roomKey: key));
        Assert.Equal(forMadeUp, forReal);
        Assert.StartsWith("404 ", forReal);
        Assert.Single((await api.Anonymous().ReadRoomAsync(room, roomKey: Key)).Messages);
    }

    [Fact]
    public async Task DeleteInPrivateRoom_ByItsAuthorWithoutTheKey_Returns204()
    {
        var (room, real, _, author) = await PrivateMessageAsync();
        using var response = await api.SendAsync(SignedRaw.Signed(author, HttpMethod.Delete, $"/room/{room}/{real.Id}"));
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty((await api.Anonymous().ReadRoomAsync(room, roomKey: Key)).Messages);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key")]
    public async Task ReadPrivateRoom_BeforeARealOrMadeUpMessage_WithoutTheKey_AnswersAlike(string? key)
    {
        var (room, real, _, _) = await PrivateMessageAsync();
        HttpRequestMessage Read(long before)
        {
            var request = SignedRaw.Unsigned(HttpMethod.Get, $"/room/{room}?before={before}");
            if (key is not null) request.Headers.Add(ProtocolHeaders.RoomKey, key);
            return request;
        }
        var afterReal = await AnswerAsync(Read(real.Ts + 1));
        var beforeAnything = await AnswerAsync(Read(real.Ts - 60_000));
        Assert.Equal(beforeAnything, afterReal);
        Assert.StartsWith("403 ", afterReal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key-wrong-key")]
    public async Task PostToPrivateRoom_ReplyingToARealOrMadeUpMessage_WithoutTheKey_AnswersAlike(string? key)
    {
        var (room, real, madeUp, _) = await PrivateMessageAsync();
        var stranger = await api.NewAgentAsync();
        var toReal = await AnswerAsync(SignedRaw.Signed(stranger, HttpMethod.Post, $"/room/{room}", SignedRaw.MessageJson("hi", real.Id), roomKey: key));
        var toMadeUp = await AnswerAsync(SignedRaw.Signed(stranger, HttpMethod.Post, $"/room/{room}", SignedRaw.MessageJson("hi", madeUp), roomKey: key));
        Assert.Equal(toMadeUp, toReal);
        Assert.StartsWith("403 ", toReal);
    }
}
