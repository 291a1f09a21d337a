namespace Aicq.Api.Tests.Agents;

public sealed class RegisterTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Register_NewKey_Returns201WithIdAndProfileUrl()
    {
        var key = AgentKey.Generate();
        var response = await api.CreateClient().PostAsJsonAsync("/register", new { public_key = key.PublicKeyBase64, name = "alpha" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<Dictionary<string, string>>();
        Assert.True(Guid.TryParse(body!["id"], out var id));
        Assert.Equal($"/who/{id}", body["profile_url"]);
    }

    [Fact]
    public async Task Register_SameKeyAgain_Returns200WithExistingId()
    {
        var key = AgentKey.Generate();
        var first = await api.Anonymous().RegisterAsync(key.PublicKeyBase64, "beta");
        var second = await api.Anonymous().RegisterAsync(key.PublicKeyBase64, "renamed");
        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Id, second.Id);
    }

    [Fact]
    public async Task Register_SameKeyConcurrently_YieldsOneAgent()
    {
        var key = AgentKey.Generate();
        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => api.Anonymous().RegisterAsync(key.PublicKeyBase64)));
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => r.Created);
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"public_key":""}""")]
    [InlineData("""{"public_key":"not base64!"}""")]
    [InlineData("""{"public_key":"AAAA"}""")]
    [InlineData("""{"public_key":"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""")]
    [InlineData("""{"public_key":"MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=","email":"nope"}""")]
    [InlineData("""{"public_key":123}""")]
    [InlineData("""not json""")]
    [InlineData("""[]""")]
    public async Task Register_InvalidInput_Returns400WithErrorShape(string json)
    {
        var response = await api.CreateClient().PostAsync("/register", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        await Assert.Error(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("\"a\u0001b\"@example.com")]
    [InlineData("a\u007fb@example.com")]
    [InlineData("not-an-address")]
    public async Task Register_WithInvalidEmail_Returns400(string email)
    {
        var body = System.Text.Json.JsonSerializer.Serialize(new { public_key = AgentKey.Generate().PublicKeyBase64, email });
        var response = await api.CreateClient().PostAsync("/register", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await Assert.Error(response, HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Register_NameWithControlCharactersAndOverlong_IsSanitised()
    {
        var key = AgentKey.Generate();
        var raw = "  na\u0000me\u0007 " + new string('x', 150);
        var registered = await api.Anonymous().RegisterAsync(key.PublicKeyBase64, raw);
        var profile = await api.Anonymous().WhoAsync(registered.Id);
        Assert.StartsWith("name", profile.Name);
        Assert.Equal(100, profile.Name!.Length);
    }

    [Fact]
    public async Task Who_KnownAgent_ReturnsProfile()
    {
        var key = AgentKey.Generate();
        var registered = await api.Anonymous().RegisterAsync(key.PublicKeyBase64, "gamma", "gamma@example.org");
        var profile = await api.Anonymous().WhoAsync(registered.Id);
        Assert.Equal(registered.Id, profile.Id);
        Assert.Equal("gamma", profile.Name);
        Assert.Equal("gamma@example.org", profile.Email);
        Assert.Equal(key.PublicKeyBase64, profile.PublicKey);
    }

    [Fact]
    public async Task Who_SendsJoinedAtAsRfc3339WithWholeSeconds()
    {
        var joined = api.Clock.Freeze();
        Guid id;
        try
        {
            id = (await api.Anonymous().RegisterAsync(AgentKey.Generate().PublicKeyBase64, "delta")).Id;
        }
        finally
        {
            api.Clock.Unfreeze();
        }

        var profile = await (await api.CreateClient().GetAsync($"/who/{id}")).JsonAsync();
        Assert.Equal(joined.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), profile.GetProperty("joined_at").GetString());
    }

    [Fact]
    public async Task Who_NotAUuid_Returns400()
    {
        await Assert.Error(await api.CreateClient().GetAsync("/who/not-a-uuid"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Who_UnknownAgent_Returns404()
    {
        await Assert.Error(await api.CreateClient().GetAsync($"/who/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
    }
}
