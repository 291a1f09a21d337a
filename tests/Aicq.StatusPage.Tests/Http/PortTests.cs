using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Aicq.StatusPage.Tests.Support;
using Aicq.Testing;

namespace Aicq.StatusPage.Tests.Http;

/// <summary>Probes and metrics are internal: the public port does not have them, the internal port has its own address.</summary>
public sealed class PortTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    public static readonly TheoryData<string> InternalOnly = new() { "/health/live", "/health/ready", "/metrics", "/Health/Ready", "/health/live/" };

    [Theory]
    [MemberData(nameof(InternalOnly))]
    public async Task ProbesAndMetrics_AreNotFoundOnThePublicPort(string path)
    {
        using var http = fixture.Page.PublicClient();
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not found", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
    }

    [Theory]
    [MemberData(nameof(InternalOnly))]
    public async Task ProbesAndMetrics_AreServedOnTheInternalPort(string path)
    {
        using var http = fixture.Page.InternalClient(authorized: false);
        using var response = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task InternalPort_ListensOnlyOnItsOwnBindAddress()
    {
        var postgres = await SharedServers.PostgresAsync();
        // 127.0.0.2 is loopback too (127.0.0.0/8), yet a different address from the public port's 127.0.0.1.
        await using var page = await StatusPageProcess.StartAsync(new Dictionary<string, string?>
        {
            ["STATUS_DATABASE_URL"] = await postgres.CreateDatabaseAsync(),
            ["STATUS_BIND_ADDRESS"] = "127.0.0.1",
            ["STATUS_INTERNAL_BIND_ADDRESS"] = "127.0.0.2",
        });
        using var http = new HttpClient { Timeout = TestTimeouts.Request };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.2:{page.InternalPort}/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{page.Port}/api/status")).StatusCode);
        Assert.False(await AcceptsAsync("127.0.0.1", page.InternalPort), "the internal port answered on the public address");
        Assert.False(await AcceptsAsync("127.0.0.2", page.Port), "the public port answered on the internal address");
    }

    private static async Task<bool> AcceptsAsync(string host, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Parse(host), port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
