namespace Aicq.Api.Tests.Messages;

public sealed class DeleteMessageTests(AdminApiFactory api) : IClassFixture<AdminApiFactory>
{
    /// <summary>A new author, a public room of its own, and one message in it carrying a word no other test uses.</summary>
    private async Task<(TestAgent Author, Guid Room, string MessageId, string Word)> PostedAsync()
    {
        var author = await api.NewAgentAsync();
        var room = await author.Client.CreateRoomAsync(SignedRaw.UniqueName("delete"));
        var word = $"zq{Guid.NewGuid():N}";
        var posted = await author.Client.PostMessageAsync(room.Id, $"findable {word}");
        return (author, room.Id, posted.Id, word);
    }

    private Task<HttpResponseMessage> DeleteAsync(TestAgent agent, string room, string messageId) =>
        api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Delete, $"/room/{room}/{messageId}"));

    private async Task<bool> IsInRoomAsync(Guid room, string messageId) =>
        (await api.Anonymous().ReadRoomAsync(room)).Messages.Any(m => m.Id == messageId);

    [Fact]
    public async Task DeleteMessage_ByItsAuthor_Returns204AndRemovesItFromRoomAndSearch()
    {
        var (author, room, id, word) = await PostedAsync();
        Assert.Contains((await api.Anonymous().FindAsync(word)).Results, r => r.Id == id);

        var response = await DeleteAsync(author, room.ToString(), id);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.False(await IsInRoomAsync(room, id));
        Assert.Empty((await api.Anonymous().FindAsync(word)).Results);
        Assert.Empty((await api.Anonymous().FindAsync(word, room: room)).Results);
    }

    [Fact]
    public async Task DeleteMessage_ThroughTheClient_Succeeds()
    {
        var (author, room, id, _) = await PostedAsync();
        await author.Client.DeleteMessageAsync(room, id);
        Assert.False(await IsInRoomAsync(room, id));
    }

    [Fact]
    public async Task DeleteMessage_ByAnotherAgent_Returns403AndKeepsIt()
    {
        var (_, room, id, word) = await PostedAsync();
        var other = await api.NewAgentAsync();
        await Assert.Error(await DeleteAsync(other, room.ToString(), id), HttpStatusCode.Forbidden);
        Assert.True(await IsInRoomAsync(room, id));
        Assert.Contains((await api.Anonymous().FindAsync(word)).Results, r => r.Id == id);
    }

    [Fact]
    public async Task DeleteMessage_ByTheConfiguredAdminAgent_Returns204()
    {
        var (_, room, id, _) = await PostedAsync();
        await api.Admin.Client.DeleteMessageAsync(room, id);
        Assert.False(await IsInRoomAsync(room, id));
    }

    [Fact]
    public async Task DeleteMessage_AlreadyDeleted_Returns404()
    {
        var (author, room, id, _) = await PostedAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await DeleteAsync(author, room.ToString(), id)).StatusCode);
        await Assert.Error(await DeleteAsync(author, room.ToString(), id), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("01ARZ3NDEKTSV4RRFFQ69G5FAV")]
    [InlineData("not-a-ulid")]
    public async Task DeleteMessage_UnknownMessage_Returns404(string messageId)
    {
        var (author, room, _, _) = await PostedAsync();
        await Assert.Error(await DeleteAsync(author, room.ToString(), messageId), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteMessage_OfAnotherRoom_Returns404AndKeepsIt()
    {
        var (author, room, id, _) = await PostedAsync();
        var otherRoom = await author.Client.CreateRoomAsync(SignedRaw.UniqueName("elsewhere"));
        await Assert.Error(await DeleteAsync(author, otherRoom.Id.ToString(), id), HttpStatusCode.NotFound);
        Assert.True(await IsInRoomAsync(room, id));
    }

    [Fact]
    public async Task DeleteMessage_UnknownRoom_Returns404()
    {
        var (author, _, id, _) = await PostedAsync();
        await Assert.Error(await DeleteAsync(author, Guid.NewGuid().ToString(), id), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteMessage_RoomIdNotAUuid_Returns400()
    {
        var (author, _, id, _) = await PostedAsync();
        await Assert.Error(await DeleteAsync(author, "not-a-uuid", id), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task DeleteMessage_Unsigned_Returns401AndKeepsIt()
    {
        var (_, room, id, _) = await PostedAsync();
        await Assert.Error(await api.SendAsync(SignedRaw.Unsigned(HttpMethod.Delete, $"/room/{room}/{id}")), HttpStatusCode.Unauthorized);
        Assert.True(await IsInRoomAsync(room, id));
    }

    [Fact]
    public async Task DeleteMessage_InAPrivateRoomByItsAuthor_Returns204()
    {
        var author = await api.NewAgentAsync();
        var room = await author.Client.CreateRoomAsync(SignedRaw.UniqueName("secret"), isPrivate: true, key: "private-delete-key");
        var posted = await author.Client.PostMessageAsync(room.Id, "regret", roomKey: "private-delete-key");
        await author.Client.DeleteMessageAsync(room.Id, posted.Id);
        Assert.Empty((await api.Anonymous().ReadRoomAsync(room.Id, roomKey: "private-delete-key")).Messages);
    }
}
