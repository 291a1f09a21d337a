using System.Net.Http.Headers;
using Types = Aicq.Testing.Contract.PublishedClientTypes;

namespace Aicq.Edge.Tests.Contract;

/// <summary>One answer of the journey, with the type a published client decodes it into.</summary>
public sealed record ContractAnswer(string Operation, HttpStatusCode Status, string Body, GoType Type);

/// <summary>
/// Calls every operation of the protocol as the published Go client sends it (<c>Content-Type: application/json</c>
/// on every request, <c>{}</c> as the signed body of a GET or DELETE), with its common failures too, and keeps each
/// answer with the type a client decodes it into. Works the same against an API instance and through the edge.
/// </summary>
public sealed class GoClientJourney(Func<HttpClient> anonymous, Func<AgentIdentity, HttpClient> signedAs)
{
    private const string RoomKey = "contract-room-key-0123";
    private readonly List<ContractAnswer> _answers = [];

    public async Task<IReadOnlyList<ContractAnswer>> RunAsync()
    {
        using var open = anonymous();
        var key = AgentKey.Generate();
        var registerBody = $$"""{"public_key":"{{key.PublicKeyBase64}}","name":"go-contract","email":"contract@example.org"}""";
        var me = new AgentIdentity(Guid.Parse(Field(await SendAsync(open, "POST /register", HttpMethod.Post, "/register", registerBody, Types.RegisterResponse, HttpStatusCode.Created), "id")), key);
        await SendAsync(open, "POST /register", HttpMethod.Post, "/register", registerBody, Types.RegisterResponse, HttpStatusCode.OK);
        await SendAsync(open, "POST /register", HttpMethod.Post, "/register", """{"public_key":"not-a-key"}""", Types.ErrorResponse, HttpStatusCode.BadRequest);
        var otherKey = AgentKey.Generate();
        var other = new AgentIdentity(Guid.Parse(Field(await SendAsync(open, "POST /register", HttpMethod.Post, "/register",
            $$"""{"public_key":"{{otherKey.PublicKeyBase64}}"}""", Types.RegisterResponse, HttpStatusCode.Created), "id")), otherKey);

        await SendAsync(open, "GET /who/{id}", HttpMethod.Get, $"/who/{me.AgentId}", null, Types.AgentProfile, HttpStatusCode.OK);
        await SendAsync(open, "GET /who/{id}", HttpMethod.Get, $"/who/{other.AgentId}", null, Types.AgentProfile, HttpStatusCode.OK);
        await SendAsync(open, "GET /who/{id}", HttpMethod.Get, $"/who/{Guid.NewGuid()}", null, Types.ErrorResponse, HttpStatusCode.NotFound);
        await SendAsync(open, "GET /who/{id}", HttpMethod.Get, "/who/not-a-uuid", null, Types.ErrorResponse, HttpStatusCode.BadRequest);

        using var signed = signedAs(me);
        using var otherSigned = signedAs(other);
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var quiet = Field(await SendAsync(signed, "POST /room", HttpMethod.Post, "/room", $$"""{"name":"quiet-{{suffix}}"}""", Types.CreateRoomResponse, HttpStatusCode.Created), "id");
        var busy = Field(await SendAsync(signed, "POST /room", HttpMethod.Post, "/room", $$"""{"name":"busy-{{suffix}}","is_private":false}""", Types.CreateRoomResponse, HttpStatusCode.Created), "id");
        var secret = Field(await SendAsync(signed, "POST /room", HttpMethod.Post, "/room",
            $$"""{"name":"secret-{{suffix}}","is_private":true,"key":"{{RoomKey}}"}""", Types.CreateRoomResponse, HttpStatusCode.Created), "id");
        await SendAsync(signed, "POST /room", HttpMethod.Post, "/room", """{"name":"no spaces allowed"}""", Types.ErrorResponse, HttpStatusCode.BadRequest);
        await SendAsync(open, "POST /room", HttpMethod.Post, "/room", """{"name":"unsigned"}""", Types.ErrorResponse, HttpStatusCode.Unauthorized);

        var word = "zebra" + suffix;
        var first = Field(await SendAsync(signed, "POST /room/{id}", HttpMethod.Post, $"/room/{busy}", $$"""{"body":"hello {{word}}"}""", Types.PostMessageResponse, HttpStatusCode.Created), "id");
        await SendAsync(signed, "POST /room/{id}", HttpMethod.Post, $"/room/{busy}", $$"""{"body":"a reply","pid":"{{first}}"}""", Types.PostMessageResponse, HttpStatusCode.Created);
        await SendAsync(signed, "POST /room/{id}", HttpMethod.Post, $"/room/{busy}", """{"body":"x","pid":"01ARZ3NDEKTSV4RRFFQ69G5FAV"}""", Types.ErrorResponse, HttpStatusCode.UnprocessableEntity);
        await SendAsync(signed, "POST /room/{id}", HttpMethod.Post, $"/room/{secret}", """{"body":"hidden"}""", Types.PostMessageResponse, HttpStatusCode.Created, RoomKey);
        await SendAsync(signed, "POST /room/{id}", HttpMethod.Post, $"/room/{AicqClient.GlobalRoomId}", $$"""{"body":"global {{word}}"}""", Types.PostMessageResponse, HttpStatusCode.Created);
        await SendAsync(signed, "POST /room/{id}", HttpMethod.Post, $"/room/{Guid.NewGuid()}", """{"body":"x"}""", Types.ErrorResponse, HttpStatusCode.NotFound);

        await SendAsync(open, "GET /room/{id}", HttpMethod.Get, $"/room/{busy}?limit=50", null, Types.MessagesResponse, HttpStatusCode.OK);
        await SendAsync(open, "GET /room/{id}", HttpMethod.Get, $"/room/{quiet}?limit=50", null, Types.MessagesResponse, HttpStatusCode.OK);
        await SendAsync(open, "GET /room/{id}", HttpMethod.Get, $"/room/{secret}?limit=50", null, Types.MessagesResponse, HttpStatusCode.OK, RoomKey);
        await SendAsync(open, "GET /room/{id}", HttpMethod.Get, $"/room/{secret}?limit=50", null, Types.ErrorResponse, HttpStatusCode.Forbidden);
        await SendAsync(open, "GET /room/{id}", HttpMethod.Get, $"/room/{Guid.NewGuid()}", null, Types.ErrorResponse, HttpStatusCode.NotFound);
        var channels = await SendAsync(open, "GET /channels", HttpMethod.Get, "/channels?limit=100&offset=0", null, Types.ChannelsResponse, HttpStatusCode.OK);
        Assert.True(channels.Contains(quiet, StringComparison.Ordinal), $"the room nobody posted to is not among the most recently active: {channels}");
        await SendAsync(open, "GET /find", HttpMethod.Get, $"/find?q={word}&limit=20", null, Types.SearchResponse, HttpStatusCode.OK);
        await SendAsync(open, "GET /find", HttpMethod.Get, "/find?q=", null, Types.ErrorResponse, HttpStatusCode.BadRequest);

        await SendAsync(signed, "POST /dm/{recipient}", HttpMethod.Post, $"/dm/{other.AgentId}", """{"body":"b3BhcXVlIGNpcGhlcnRleHQ="}""", Types.PostMessageResponse, HttpStatusCode.Created);
        await SendAsync(signed, "POST /dm/{recipient}", HttpMethod.Post, $"/dm/{Guid.NewGuid()}", """{"body":"x"}""", Types.ErrorResponse, HttpStatusCode.NotFound);
        await SendAsync(otherSigned, "GET /dm", HttpMethod.Get, "/dm?limit=100", "{}", Types.DMListResponse, HttpStatusCode.OK);

        await SendAsync(otherSigned, "DELETE /room/{id}/{msgID}", HttpMethod.Delete, $"/room/{busy}/{first}", "{}", Types.ErrorResponse, HttpStatusCode.Forbidden);
        await SendAsync(signed, "DELETE /room/{id}/{msgID}", HttpMethod.Delete, $"/room/{busy}/{first}", "{}", Types.Unread, HttpStatusCode.NoContent);
        await SendAsync(signed, "DELETE /room/{id}/{msgID}", HttpMethod.Delete, $"/room/{busy}/{first}", "{}", Types.ErrorResponse, HttpStatusCode.NotFound);

        await StatsWithRecentMessagesAsync(open);
        await SendAsync(open, "GET /health", HttpMethod.Get, "/health", null, Types.HealthResponse, HttpStatusCode.OK);
        await SendAsync(open, "GET /api", HttpMethod.Get, "/api", null, Types.RootResponse, HttpStatusCode.OK);
        await SendAsync(open, "GET /docs", HttpMethod.Get, "/docs", null, Types.Unread, HttpStatusCode.OK);
        await SendAsync(open, "GET /docs/openapi.yaml", HttpMethod.Get, "/docs/openapi.yaml", null, Types.Unread, HttpStatusCode.OK);
        await SendAsync(open, "GET /", HttpMethod.Get, "/", null, Types.Unread, HttpStatusCode.OK);
        await SendAsync(open, "POST /register", HttpMethod.Post, "/register", new string('x', 9000), Types.ErrorResponse, HttpStatusCode.RequestEntityTooLarge);
        await SendRawAsync(open, "POST /register", "/register", "public_key=x", "text/plain", Types.ErrorResponse, HttpStatusCode.UnsupportedMediaType);
        return _answers;
    }

    /// <summary>/stats is cached for a few seconds per instance: wait (bounded) until it shows the message just posted to global.</summary>
    private async Task StatsWithRecentMessagesAsync(HttpClient client)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await client.SendAsync(GoRequest(HttpMethod.Get, "/stats", null));
            var body = await response.Content.ReadAsStringAsync();
            var recent = response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.TryGetProperty("recent_messages", out var list)
                && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0;
            if (recent || attempt >= 40)
            {
                _answers.Add(new ContractAnswer("GET /stats", response.StatusCode, body, Types.StatsResponse));
                Assert.True(recent, $"GET /stats never listed a recent message: {body}");
                return;
            }
            await Task.Delay(250);
        }
    }

    private Task<string> SendAsync(HttpClient client, string operation, HttpMethod method, string path, string? json, GoType type,
        HttpStatusCode expected, string? roomKey = null)
    {
        var request = GoRequest(method, path, json);
        if (roomKey is not null) request.Headers.Add(ProtocolHeaders.RoomKey, roomKey);
        return KeepAsync(client, operation, request, type, expected);
    }

    private Task<string> SendRawAsync(HttpClient client, string operation, string path, string body, string contentType, GoType type, HttpStatusCode expected) =>
        KeepAsync(client, operation, new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) }, type, expected);

    private async Task<string> KeepAsync(HttpClient client, string operation, HttpRequestMessage request, GoType type, HttpStatusCode expected)
    {
        using (request)
        using (var response = await client.SendAsync(request))
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(expected == response.StatusCode, $"{operation} ({request.RequestUri}): expected {(int)expected}, got {(int)response.StatusCode} {body}");
            _answers.Add(new ContractAnswer(operation, response.StatusCode, body, type));
            return body;
        }
    }

    /// <summary>As the Go client builds it: a JSON content type always, even on a GET without a body.</summary>
    private static HttpRequestMessage GoRequest(HttpMethod method, string path, string? json)
    {
        var request = new HttpRequestMessage(method, path) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json ?? "")) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private static string Field(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).GetString()!;
}
