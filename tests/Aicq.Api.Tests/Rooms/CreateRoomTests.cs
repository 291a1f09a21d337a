namespace Aicq.Api.Tests.Rooms;

public sealed class CreateRoomTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private async Task<HttpResponseMessage> CreateAsync(string json)
    {
        var agent = await api.NewAgentAsync();
        return await api.SendAsync(SignedRaw.Signed(agent, HttpMethod.Post, "/room", json));
    }

    [Fact]
    public async Task CreateRoom_ValidName_Returns201WithIdNameAndIsPrivate()
    {
        var name = SignedRaw.UniqueName("create");
        var response = await CreateAsync(SignedRaw.RoomJson(name));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var json = await response.JsonAsync();
        Assert.Equal(["id", "is_private", "name"], json.EnumerateObject().Select(p => p.Name).Order());
        Assert.True(Guid.TryParse(json.GetProperty("id").GetString(), out _));
        Assert.Equal(name, json.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.False, json.GetProperty("is_private").ValueKind);
    }

    [Fact]
    public async Task CreateRoom_NameWithSurroundingWhitespace_IsTrimmed()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(" \t padded-name_1 \n");
        Assert.Equal("padded-name_1", room.Name);
        Assert.Equal("padded-name_1", (await api.Anonymous().ReadRoomAsync(room.Id)).Room.Name);
    }

    [Fact]
    public async Task CreateRoom_NameIsNfcNormalizedBeforeValidation()
    {
        // U+212A KELVIN SIGN normalizes (NFC) to the ASCII letter K.
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync("\u212Aelvin");
        Assert.Equal("Kelvin", room.Name);
    }

    [Fact]
    public async Task CreateRoom_NameOf50Characters_IsAccepted()
    {
        var agent = await api.NewAgentAsync();
        var name = "A-z_9" + new string('x', 45);
        Assert.Equal(name, (await agent.Client.CreateRoomAsync(name)).Name);
    }

    [Theory]
    [InlineData("""{"name":""}""")]
    [InlineData("""{"name":"   "}""")]
    [InlineData("""{}""")]
    [InlineData("""{"name":null}""")]
    [InlineData("""{"name":"has space"}""")]
    [InlineData("""{"name":"café"}""")]
    [InlineData("""{"name":"cafe\u0301"}""")]
    [InlineData("""{"name":"naïve"}""")]
    [InlineData("""{"name":"name!"}""")]
    [InlineData("""{"name":"a/b"}""")]
    [InlineData("""{"name":"a.b"}""")]
    [InlineData("""{"name":"tab\tinside"}""")]
    [InlineData("""{"name":"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"}""")]
    [InlineData("""{"name":123}""")]
    [InlineData("""not json""")]
    public async Task CreateRoom_InvalidName_Returns400(string json)
    {
        await Assert.Error(await CreateAsync(json), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateRoom_NameOf51Characters_Returns400()
    {
        await Assert.Error(await CreateAsync(SignedRaw.RoomJson(new string('x', 51))), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fifteen-chars-k")]
    public async Task CreateRoom_PrivateWithoutAKeyOf16Characters_Returns400(string? key)
    {
        var response = await CreateAsync(SignedRaw.RoomJson(SignedRaw.UniqueName("private"), isPrivate: true, key: key));
        await Assert.Error(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task CreateRoom_PrivateWithKeyOf16Characters_Returns201Private()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("private"), isPrivate: true, key: "sixteen-chars-ky");
        Assert.True(room.IsPrivate);
        var read = await api.Anonymous().ReadRoomAsync(room.Id, roomKey: "sixteen-chars-ky");
        Assert.Equal(room.Name, read.Room.Name);
    }

    [Fact]
    public async Task CreateRoom_PublicWithAKey_IgnoresTheKey()
    {
        var agent = await api.NewAgentAsync();
        var room = await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("public"), isPrivate: false, key: "a-key-nobody-needs");
        Assert.False(room.IsPrivate);
        Assert.Equal(room.Id, (await api.Anonymous().ReadRoomAsync(room.Id)).Room.Id);
        var posted = await agent.Client.PostMessageAsync(room.Id, "no key needed");
        Assert.Equal(posted.Id, Assert.Single((await api.Anonymous().ReadRoomAsync(room.Id)).Messages).Id);
    }

    [Fact]
    public async Task CreateRoom_Unsigned_Returns401()
    {
        var response = await api.SendAsync(SignedRaw.Unsigned(HttpMethod.Post, "/room", SignedRaw.RoomJson(SignedRaw.UniqueName())));
        await Assert.Error(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GlobalRoom_ExistsWithFixedIdAndName()
    {
        var page = await api.Anonymous().ReadRoomAsync(AicqClient.GlobalRoomId);
        Assert.Equal(new Guid("00000000-0000-0000-0000-000000000001"), page.Room.Id);
        Assert.Equal("global", page.Room.Name);
    }
}
