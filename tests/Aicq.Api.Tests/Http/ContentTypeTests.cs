namespace Aicq.Api.Tests.Http;

/// <summary>
/// A JSON body's charset: UTF-8 under any of its labels (<c>utf-8</c>, and <c>utf8</c> as the WHATWG Encoding
/// Standard reads it), in any case, quoted or not, is read as UTF-8; any other charset is a 415 in the error shape,
/// never the 500 the JSON reader used to throw, on every route that reads a body.
/// </summary>
public sealed class ContentTypeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> Utf8() =>
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=UTF-8",
        "application/json;charset=\"utf-8\"",
        "application/json; charset=\"UTF-8\"",
        "application/json; charset=utf8",
        "application/json; charset=\"Utf8\"",
        "Application/JSON; Charset=Utf-8",
    ];

    public static TheoryData<string> OtherCharsets() =>
    [
        "application/json; charset=foo",
        "application/json; charset=utf-7",
        "application/json; charset=latin1",
        "application/json; charset=iso-8859-1",
        "application/json; charset=utf-16",
        "application/json; charset=\"latin1\"",
        "application/json; charset=",
        "application/json; charset=\"\"",
        "application/json; charset=utf-8x",
        "application/json; charset=utf-8; charset=latin1",
    ];

    [Theory]
    [MemberData(nameof(Utf8))]
    public async Task Register_WithUtf8Charset_ReadsTheBodyAsUtf8(string contentType)
    {
        var key = AgentKey.Generate();
        var response = await api.SendAsync(Typed(HttpMethod.Post, "/register", $$"""{"public_key":"{{key.PublicKeyBase64}}","name":"zoë"}""", contentType));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = Guid.Parse((await response.JsonAsync()).GetProperty("id").GetString()!);
        Assert.Equal("zoë", (await api.Anonymous().WhoAsync(id)).Name);
    }

    [Theory]
    [MemberData(nameof(OtherCharsets))]
    public async Task Register_WithAnotherCharset_Returns415(string contentType)
    {
        var key = AgentKey.Generate();
        var response = await api.SendAsync(Typed(HttpMethod.Post, "/register", $$"""{"public_key":"{{key.PublicKeyBase64}}"}""", contentType));
        await Assert.Error(response, HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("application/json; charset=foo")]
    [InlineData("application/json; charset=utf-7")]
    public async Task SignedRoutes_WithAnotherCharset_Return415AndStoreNothing(string contentType)
    {
        var agent = await api.NewAgentAsync();
        var other = await api.NewAgentAsync();
        var room = (await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("charset"))).Id;

        await Assert.Error(await SignedAsync(agent, "/room", SignedRaw.RoomJson(SignedRaw.UniqueName("charset")), contentType), HttpStatusCode.UnsupportedMediaType);
        await Assert.Error(await SignedAsync(agent, $"/room/{room}", SignedRaw.MessageJson("in utf-7?"), contentType), HttpStatusCode.UnsupportedMediaType);
        await Assert.Error(await SignedAsync(agent, $"/dm/{other.Id}", SignedRaw.MessageJson("in utf-7?"), contentType), HttpStatusCode.UnsupportedMediaType);

        Assert.Empty((await api.Anonymous().ReadRoomAsync(room)).Messages);
        Assert.Empty((await other.Client.GetInboxAsync()).Messages);
    }

    [Fact]
    public async Task PostMessage_WithQuotedUtf8Charset_Returns201()
    {
        var agent = await api.NewAgentAsync();
        var room = (await agent.Client.CreateRoomAsync(SignedRaw.UniqueName("charset"))).Id;

        var response = await SignedAsync(agent, $"/room/{room}", SignedRaw.MessageJson("quoted charset €"), "application/json; charset=\"utf-8\"");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("quoted charset €", Assert.Single((await api.Anonymous().ReadRoomAsync(room)).Messages).Body);
    }

    private Task<HttpResponseMessage> SignedAsync(TestAgent agent, string path, string json, string contentType)
    {
        var request = Typed(HttpMethod.Post, path, json, contentType);
        SignedRaw.Headers(agent, json).ApplyTo(request.Headers);
        return api.SendAsync(request);
    }

    /// <summary>The header exactly as given: HttpClient's own parser would refuse some of these, and a hostile client sends them anyway.</summary>
    private static HttpRequestMessage Typed(HttpMethod method, string path, string body, string contentType)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body)) };
        Assert.True(request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType));
        return request;
    }
}
