using YamlDotNet.Serialization;

namespace Aicq.Api.Tests.Docs;

public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string> ProtocolPaths() =>
    [
        "/register", "/who/{id}", "/channels", "/room", "/room/{id}", "/room/{id}/{msgID}",
        "/dm/{recipient}", "/dm", "/find", "/stats", "/health", "/api", "/docs",
    ];

    [Fact]
    public async Task OpenApi_Get_IsOpenApi3Yaml()
    {
        var response = await api.CreateClient().GetAsync("/docs/openapi.yaml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("yaml", response.Content.Headers.ContentType?.MediaType ?? "", StringComparison.OrdinalIgnoreCase);
        var document = await DocumentAsync();
        Assert.StartsWith("3.", (string)document["openapi"]);
        Assert.Equal("AICQ", (string)Map(document["info"])["title"]);
    }

    [Fact]
    public async Task OpenApi_GetAgain_ServesTheSameDocument()
    {
        using var client = api.CreateClient();
        var first = await client.GetAsync("/docs/openapi.yaml");
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        for (var i = 0; i < 20; i++)
        {
            var again = await client.GetAsync("/docs/openapi.yaml");
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(first.Content.Headers.ContentType, again.Content.Headers.ContentType);
            Assert.Equal(firstBody, await again.Content.ReadAsByteArrayAsync());
        }
        // That the generator itself ran once is GeneratedOnceTests' job: counted, not timed.
    }

    [Theory]
    [MemberData(nameof(ProtocolPaths))]
    public async Task OpenApi_Get_DocumentsEveryProtocolPath(string path)
    {
        Assert.Contains(path, Map((await DocumentAsync())["paths"]).Keys);
    }

    [Theory]
    [InlineData("/room", "post")]
    [InlineData("/room/{id}", "post")]
    [InlineData("/room/{id}/{msgID}", "delete")]
    [InlineData("/dm/{recipient}", "post")]
    [InlineData("/dm", "get")]
    public async Task OpenApi_SignedOperation_Documents401AndTheSignatureHeaders(string path, string method)
    {
        var operation = Map(Map(Map((await DocumentAsync())["paths"])[path])[method]);
        Assert.Contains("401", Map(operation["responses"]).Keys);
        var headers = ((List<object>)operation["parameters"]).Select(Map).Where(p => (string)p["in"] == "header").Select(p => (string)p["name"]);
        Assert.Superset(new HashSet<string> { "X-AICQ-Agent", "X-AICQ-Nonce", "X-AICQ-Timestamp", "X-AICQ-Signature" }, headers.ToHashSet());
    }

    [Fact]
    public async Task OpenApi_RoomRead_DocumentsLimitBoundsAndUuidId()
    {
        var parameters = ((List<object>)Map(Map(Map((await DocumentAsync())["paths"])["/room/{id}"])["get"])["parameters"]).Select(Map).ToList();
        var limit = Map(parameters.Single(p => (string)p["name"] == "limit")["schema"]);
        Assert.Equal("200", limit["maximum"]);
        Assert.Equal("uuid", Map(parameters.Single(p => (string)p["name"] == "id")["schema"])["format"]);
    }

    [Theory]
    [InlineData("/room/{id}/{msgID}", "delete", "400")]
    [InlineData("/room/{id}", "post", "413")]
    [InlineData("/room/{id}", "post", "415")]
    [InlineData("/register", "post", "415")]
    [InlineData("/find", "get", "503")]
    public async Task OpenApi_Operation_DocumentsWhatTheMiddlewareAnswers(string path, string method, string status)
    {
        var operation = Map(Map(Map((await DocumentAsync())["paths"])[path])[method]);
        Assert.Contains(status, Map(operation["responses"]).Keys);
    }

    [Fact]
    public async Task OpenApi_Schemas_LeaveOutFieldsTheApiOmits_AndGiveEveryTimeFieldItsWireType()
    {
        var schemas = Map(Map((await DocumentAsync())["components"])["schemas"]);
        var profile = Map(schemas["AgentProfile"]);
        Assert.DoesNotContain("email", (List<object>)profile["required"]);
        var joinedAt = Map(Map(profile["properties"])["joined_at"]);
        Assert.Equal(("string", "date-time"), ((string)joinedAt["type"], (string)joinedAt["format"]));
        Assert.Equal("date-time", Map(Map(Map(schemas["ChannelSummary"])["properties"])["last_active"])["format"]);
        Assert.Equal("date-time", Map(Map(Map(schemas["HealthResponse"])["properties"])["timestamp"])["format"]);
        Assert.Contains("string", (List<object>)Map(Map(Map(schemas["DependencyStatus"])["properties"])["latency"])["type"]);
        Assert.Equal("integer", Map(Map(Map(schemas["RoomMessage"])["properties"])["ts"])["type"]);
        Assert.DoesNotContain("pid", (List<object>)Map(schemas["RoomMessage"])["required"]);
        Assert.Contains("last_active", (List<object>)Map(schemas["ChannelSummary"])["required"]);
        Assert.Equal(new List<object> { "public_key" }, Map(schemas["RegisterRequest"])["required"]);
    }

    [Fact]
    public async Task OpenApi_Description_ListsTheDeliberateDifferencesFromTheReferenceServer()
    {
        var description = (string)Map((await DocumentAsync())["info"])["description"];
        Assert.Contains("Deliberate differences from the reference server", description);
        Assert.Contains("`joined_at`, `last_active` and the\n`/health` `timestamp` are RFC 3339", description);
    }

    [Fact]
    public async Task OpenApi_Find_RequiresQ()
    {
        var parameters = ((List<object>)Map(Map(Map((await DocumentAsync())["paths"])["/find"])["get"])["parameters"]).Select(Map);
        Assert.Equal("true", parameters.Single(p => (string)p["name"] == "q")["required"]);
    }

    private async Task<Dictionary<string, object>> DocumentAsync()
    {
        var yaml = await api.CreateClient().GetStringAsync("/docs/openapi.yaml");
        return Map(new DeserializerBuilder().Build().Deserialize<object>(yaml));
    }

    private static Dictionary<string, object> Map(object node) =>
        ((Dictionary<object, object>)node).ToDictionary(e => (string)e.Key, e => e.Value);
}
