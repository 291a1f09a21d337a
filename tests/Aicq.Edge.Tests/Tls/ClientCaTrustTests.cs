namespace Aicq.Edge.Tests.Tls;

/// <summary><see cref="AicqHttp"/> against the real edge: its local CA is trusted when given, and nothing else is.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class ClientCaTrustTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task AicqHttp_WithTheEdgesCa_ReadsAndPostsSignedThroughTheEdge()
    {
        using var identity = await appliance.NewAgentAsync();
        using var http = AicqHttp.Create(appliance.Edge.HttpsUrl, appliance.Tls.CaPath);
        var client = new AicqClient(http, identity);

        var posted = await client.PostMessageAsync(AicqClient.GlobalRoomId, "trusted through the local CA");
        var page = await client.ReadRoomAsync(AicqClient.GlobalRoomId, limit: 50);
        Assert.Contains(page.Messages, m => m.Id == posted.Id);
    }

    [Fact]
    public async Task AicqHttp_WithAnotherCa_FailsNamingTheServerAndTheCaFile()
    {
        var other = await TestCertificate.CreateAsync();
        using var http = AicqHttp.Create(appliance.Edge.HttpsUrl, other.CaPath);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new AicqClient(http).GetApiInfoAsync());
        Assert.Equal(HttpRequestError.SecureConnectionError, error.HttpRequestError);
        Assert.Contains($"The TLS certificate of {appliance.Edge.HttpsUrl} was refused", error.Message);
        Assert.Contains($"the CA file '{other.CaPath}' only", error.Message);
    }

    [Fact]
    public async Task AicqHttpHandler_OverHandlerSettingsOfOurOwn_KeepsThem_AndTrustsTheCa()
    {
        var sockets = new SocketsHttpHandler { AllowAutoRedirect = false };
        using var http = new HttpClient(AicqHttp.CreateHandler(appliance.Tls.CaPath, sockets));

        using var redirect = await http.GetAsync(appliance.Edge.HttpUrl + "/api");
        Assert.Equal(System.Net.HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        using var trusted = await http.GetAsync(appliance.Edge.HttpsUrl + "/api");
        Assert.Equal(System.Net.HttpStatusCode.OK, trusted.StatusCode);
    }

    [Fact]
    public async Task AicqHttp_WithoutACaFile_TrustsTheSystemOnly_SoTheLocalCaIsRefused()
    {
        using var http = AicqHttp.Create(appliance.Edge.HttpsUrl);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => new AicqClient(http).GetApiInfoAsync());
        Assert.Equal(HttpRequestError.SecureConnectionError, error.HttpRequestError);
    }
}
