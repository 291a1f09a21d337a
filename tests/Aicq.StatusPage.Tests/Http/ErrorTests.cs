using static Aicq.StatusPage.Tests.Support.Answers;

namespace Aicq.StatusPage.Tests.Http;

/// <summary>
/// What a client sends never makes a bare 500: bad bodies get the error shape and a 4xx, text with control characters
/// is cleaned before PostgreSQL sees it, and every answer, errors included, carries the security headers.
/// </summary>
public sealed class ErrorTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private StatusPageProcess Page => fixture.Page;

    [Fact]
    public async Task Webhook_WithNulAndControlCharactersInEveryField_StoresTheAlertWithoutThem()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        var alert = Alerts.Alert("firing", "Redis\0Down", "re\0dis", fingerprint, DateTimeOffset.UtcNow.AddMinutes(-1),
            summary: "Redis\0 is\u0085 down", description: "line one\0\r\nline two\u0007", severity: "crit\0ical");
        alert["labels"]!["extra\0key"] = "value\0";
        using var response = await Alerts.PostAsync(Page, Alerts.Delivery("firing", alert));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var incident = await OperatorIncidentAsync(fingerprint);
        Assert.Equal("line one\nline two", incident.GetProperty("description").GetString());
        Assert.Equal("unknown", incident.GetProperty("severity").GetString());
        foreach (var field in new[] { "alert_name", "component_label", "title" })
            Assert.DoesNotContain(incident.GetProperty(field).GetString()!, c => char.IsControl(c));
    }

    [Fact]
    public async Task Webhook_WithAFingerprintHoldingNul_UsesOneMadeFromTheLabels()
    {
        var alert = Alerts.Alert("firing", "RedisDown", "redis", "abc\0def", DateTimeOffset.UtcNow.AddMinutes(-1));
        using var firing = await Alerts.PostAsync(Page, Alerts.Delivery("firing", (JsonObject)alert.DeepClone()));
        Assert.Equal(HttpStatusCode.OK, firing.StatusCode);
        alert["status"] = "resolved";
        using var resolved = await Alerts.PostAsync(Page, Alerts.Delivery("resolved", alert));
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(1, (await resolved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("resolved").GetInt32());
    }

    [Theory]
    [InlineData("application/json; charset=latin1")]
    [InlineData("application/json; charset=utf-16")]
    [InlineData("application/json; charset=bogus")]
    [InlineData("application/json; charset=")]
    [InlineData("application/json; charset=utf-8; charset=utf-8")]
    [InlineData("text/plain")]
    public async Task Bodies_InAnythingButUtf8Json_Return415(string contentType)
    {
        foreach (var (path, client) in BodyRoutes())
        {
            using var http = client;
            using var response = await http.PostAsync(path, Body("{}", contentType));
            await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType);
        }
    }

    [Theory]
    [InlineData("application/json; charset=UTF8")]
    [InlineData("application/json; charset=\"utf-8\"")]
    public async Task Bodies_InAnySpellingOfUtf8_AreRead(string contentType)
    {
        using var http = Page.WebhookClient();
        using var response = await http.PostAsync("/internal/alerts", Body("{\"version\":\"4\",\"alerts\":[]}", contentType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bodies_OverTheLimit_Return413InTheErrorShape()
    {
        var huge = "{\"alerts\":[" + string.Join(',', Enumerable.Repeat("{\"status\":\"firing\"}", 60_000)) + "]}";
        using var http = Page.WebhookClient();
        using var response = await http.PostAsync("/internal/alerts", Body(huge));
        await AssertErrorAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Incidents_Updated_WithNulInTheMessage_KeepTheRestOfIt()
    {
        var fingerprint = Guid.NewGuid().ToString("N")[..16];
        using var firing = await Alerts.PostAsync(Page, Alerts.Delivery("firing", Alerts.Alert("firing", "RedisDown", "redis", fingerprint, DateTimeOffset.UtcNow)));
        var id = (await OperatorIncidentAsync(fingerprint)).GetProperty("id").GetInt32();
        using var http = Page.InternalClient();
        using var response = await http.PostAsync($"/internal/incidents/{id}/updates", Body("{\"message\": \"restarted\\u0000 it\"}"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Contains("restarted  it", await response.Content.ReadAsStringAsync());
    }

    public static readonly TheoryData<string, string, string?, int, string> Failures = new()
    {
        { "internal", "PUT", "/internal/alerts", 405, "application/json" },
        { "internal", "GET", "/internal/alerts", 404, "application/json" },
        { "internal", "DELETE", "/internal/incidents", 405, "application/json" },
        { "internal", "GET", "/internal/nothing-here", 404, "application/json" },
        { "internal", "GET", "/internal/incidents/999999", 404, "application/json" },
        { "public", "GET", "/api/nothing-here", 404, "application/json" },
        { "public", "GET", "/internal/incidents", 404, "application/json" },
        { "public", "GET", "/no-such-page", 404, "text/html" },
        { "public", "POST", "/api/status", 405, "application/json" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task Failures_HaveABody_AndTheSecurityHeaders(string port, string method, string? path, int status, string mediaType)
    {
        using var http = port == "public" ? Page.PublicClient() : Page.InternalClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await http.SendAsync(request);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        AssertSecurityHeaders(response);
        if (mediaType == "application/json") await AssertErrorAsync(response, (HttpStatusCode)status);
        else Assert.Contains(status.ToString(), await response.Content.ReadAsStringAsync());
    }

    private IEnumerable<(string Path, HttpClient Client)> BodyRoutes() =>
        [("/internal/alerts", Page.WebhookClient()), ("/internal/maintenance", Page.InternalClient())];

    private async Task<JsonElement> OperatorIncidentAsync(string fingerprint)
    {
        using var http = Page.InternalClient();
        var incidents = await http.GetFromJsonAsync<JsonElement>("/internal/incidents");
        return incidents.EnumerateArray().Single(i => i.GetProperty("fingerprint").GetString() == fingerprint);
    }
}
