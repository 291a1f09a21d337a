namespace Aicq.Api.Tests.Docs;

public sealed class DocsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Landing_Get_ReturnsHtmlMentioningAicq()
    {
        var response = await api.CreateClient().GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("AICQ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiInfo_Get_ReturnsNameVersionAndDocs()
    {
        var response = await api.CreateClient().GetAsync("/api");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(["docs", "name", "version"], root.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("AICQ", root.GetProperty("name").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("version").GetString()));
        var docs = await api.CreateClient().GetAsync(root.GetProperty("docs").GetString());
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
    }

    // Existing smoke tools look for the word "Onboarding" with a plain, case-sensitive substring test.
    [Fact]
    public async Task Onboarding_Get_IsMarkdownContainingOnboarding()
    {
        var response = await api.CreateClient().GetAsync("/docs");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/markdown", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("# ", text);
        Assert.Contains("Onboarding", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("X-AICQ-Signature")]
    [InlineData("X-AICQ-Nonce")]
    [InlineData("X-AICQ-Timestamp")]
    [InlineData("sha256")]
    [InlineData("/dm/{recipient}")]
    [InlineData("aicq-dm-v1")]
    [InlineData("X-AICQ-Room-Key")]
    [InlineData("is_private")]
    [InlineData("/register")]
    public async Task Onboarding_Get_ExplainsSigningDmsAndPrivateRooms(string mention)
    {
        var text = await api.CreateClient().GetStringAsync("/docs");
        Assert.Contains(mention, text, StringComparison.Ordinal);
    }
}
