namespace Aicq.Api.Tests.Telemetry;

public sealed class LogTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private static readonly Guid Global = new("00000000-0000-0000-0000-000000000001");

    [Fact]
    public async Task Logs_NeverContainBodiesKeysOrSignatures()
    {
        var (identity, client) = await fixture.NewAgentAsync();
        var secretBody = "secret-body-" + Guid.NewGuid().ToString("N");
        var roomKey = "room-key-" + Guid.NewGuid().ToString("N");
        var dmBody = "dm-body-" + Guid.NewGuid().ToString("N");
        await client.PostMessageAsync(Global, secretBody);
        var room = await client.CreateRoomAsync("secretroom", isPrivate: true, key: roomKey);
        await client.PostMessageAsync(room.Id, secretBody, roomKey: roomKey);
        await Assert.ThrowsAsync<AicqApiException>(() => client.ReadRoomAsync(room.Id, roomKey: "wrong-key-but-long-enough"));
        await client.SendDmAsync(identity.AgentId, dmBody);
        using var http = fixture.Api.CreateClient();
        var signed = new RequestSigner(identity).Sign("{}"u8);
        using var replay = new HttpRequestMessage(HttpMethod.Get, "/dm");
        signed.ApplyTo(replay.Headers);
        await http.SendAsync(replay);
        await Task.Delay(300);

        var output = string.Join('\n', fixture.Api.Process.Output);
        Assert.Contains(identity.AgentId.ToString(), output);
        foreach (var secret in new[] { secretBody, roomKey, dmBody, identity.Key.PublicKeyBase64, signed.Signature, signed.Nonce })
            Assert.DoesNotContain(secret, output);
    }

    [Fact]
    public async Task RequestLog_IsJsonWithRequestFieldsAndTheInboundRequestId()
    {
        var requestId = "test-" + Guid.NewGuid().ToString("N");
        using var http = fixture.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/who/{Guid.NewGuid()}");
        request.Headers.Add("X-Request-ID", requestId);
        request.Headers.UserAgent.ParseAdd("log-test/1.0");
        var response = await http.SendAsync(request);
        Assert.Equal(requestId, response.Headers.GetValues("X-Request-ID").Single());
        await Task.Delay(300);

        var line = fixture.Api.Process.Output.Single(l => l.Contains(requestId) && l.Contains("\"path\""));
        using var json = JsonDocument.Parse(line);
        var root = json.RootElement;
        Assert.Equal("Warning", root.GetProperty("@l").GetString());
        Assert.Equal("aicq-api", root.GetProperty("service").GetString());
        Assert.Equal("GET", root.GetProperty("method").GetString());
        Assert.Equal("/who/{id}", root.GetProperty("path").GetString());
        Assert.Equal(404, root.GetProperty("status").GetInt32());
        Assert.True(root.GetProperty("duration_ms").GetDouble() >= 0);
        Assert.Equal("127.0.0.1", root.GetProperty("ip").GetString());
        Assert.Equal("log-test/1.0", root.GetProperty("user_agent").GetString());
        Assert.True(root.TryGetProperty("version", out _));
    }

    [Fact]
    public async Task RequestLog_ForwardedForFromTrustedEdge_LogsTheClientAddress()
    {
        using var http = fixture.Api.CreateClient();
        var requestId = "fwd-" + Guid.NewGuid().ToString("N");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api");
        request.Headers.Add("X-Request-ID", requestId);
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        await http.SendAsync(request);
        await Task.Delay(300);
        var line = fixture.Api.Process.Output.Single(l => l.Contains(requestId) && l.Contains("\"path\""));
        Assert.Equal("203.0.113.7", JsonDocument.Parse(line).RootElement.GetProperty("ip").GetString());
    }
}
