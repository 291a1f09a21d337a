using YamlDotNet.Serialization;

namespace Aicq.Api.Tests.Docs;

/// <summary>The document's <c>servers</c> is the configured public URL, never the instance or host that generated it.</summary>
public sealed class OpenApiServersTests(OpenApiServersTests.PublicUrlApiFactory api) : IClassFixture<OpenApiServersTests.PublicUrlApiFactory>
{
    private const string PublicUrl = "https://aicq.example.test/chat";

    [Theory]
    [InlineData("127.0.0.1:5081", "https")]
    [InlineData("localhost", "http")]
    public async Task OpenApi_Servers_IsOnlyThePublicUrl_WhicheverInstanceAndSchemeAsked(string host, string scheme)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/docs/openapi.yaml");
        request.Headers.Host = host;
        request.Headers.Add("X-Forwarded-Proto", scheme);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();

        var document = (Dictionary<object, object>)new DeserializerBuilder().Build().Deserialize<object>(await response.Content.ReadAsStringAsync());
        var servers = ((List<object>)document["servers"]).Cast<Dictionary<object, object>>().Select(s => (string)s["url"]);
        Assert.Equal([PublicUrl], servers);
    }

    public sealed class PublicUrlApiFactory : ApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("PUBLIC_URL", PublicUrl + "/");
        }
    }
}
