using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aicq.StatusPage.Tests.Support;

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

    public static readonly TheoryData<string> WebhookGarbage = new()
    {
        "null", "[]", "\"x\"", "42", "{\"alerts\": [null]}", "{\"alerts\": [1, 2]}", "{\"alerts\": {}}", "{\"alerts\": \"x\"}",
        "{\"version\": 4}", "{\"version\": \"5\"}", "{\"alerts\": [{\"labels\": {\"a\": 1}}]}", "{\"alerts\": [{\"labels\": []}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"api\"}, \"status\": \"firing\", \"startsAt\": \"yesterday\"}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"api\"}, \"status\": \"firing\", \"startsAt\": \"9999-12-31T23:59:59-14:00\"}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"api\"}, \"status\": \"firing\", \"startsAt\": \"0001-01-01T00:00:00+14:00\"}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"api\"}, \"status\": \"resolved\", \"endsAt\": 1700000000000}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"api\", \"alertname\": \"\\ud800\"}, \"annotations\": {\"summary\": \"\\udfff\"}, \"status\": \"firing\"}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"\"}, \"status\": \"firing\", \"fingerprint\": 7}]}",
        "{\"alerts\": [{\"labels\": null, \"annotations\": null, \"status\": null}]}",
        "{\"alerts\": [{\"labels\": {\"component\": \"api\", \"severity\": null}, \"status\": \"firing\"}]}",
        "{\"alerts\": [" + string.Join(',', Enumerable.Repeat("{}", 1001)) + "]}",
        "{\"alerts\": [", "\u00ff\u00fe", "{\"alerts\": [{\"labels\": {\"component\": \"api\"}, \"status\": \"firing\"}], \"alerts\": 1}",
    };

    [Theory]
    [MemberData(nameof(WebhookGarbage))]
    public async Task Webhook_WithAnyBody_AnswersBelow500_InTheErrorShape(string body)
    {
        using var http = Page.WebhookClient();
        using var response = await http.PostAsync("/internal/alerts", Body(body));
        await AssertBelow500Async(response);
    }

    public static readonly TheoryData<string, string> OperatorGarbage = new()
    {
        { "/internal/maintenance", "{\"components\": [null], \"title\": \"x\", \"ends_at\": \"2099-01-01T00:00:00Z\"}" },
        { "/internal/maintenance", "{\"components\": \"api\", \"title\": \"x\"}" },
        { "/internal/maintenance", "{\"components\": [\"api\"], \"title\": 5, \"ends_at\": \"2099-01-01T00:00:00Z\"}" },
        { "/internal/maintenance", "{\"components\": [" + string.Join(',', Enumerable.Range(0, 20_000).Select(i => $"\"c{i}\"")) + "], \"title\": \"x\"}" },
        { "/internal/maintenance", "{\"components\": [\"api\\u0000\"], \"title\": \"x\\u0000y\", \"ends_at\": \"2099-01-01T00:00:00Z\"}" },
        { "/internal/maintenance", "{\"components\": [\"api\"], \"title\": \"x\", \"starts_at\": \"9999-12-30T00:00:00Z\", \"ends_at\": \"9999-12-31T23:59:59.9999999Z\"}" },
        { "/internal/maintenance", "{\"components\": [\"api\"], \"title\": \"x\", \"starts_at\": \"0001-01-01T00:00:00Z\", \"ends_at\": \"0001-01-02T00:00:00Z\"}" },
        { "/internal/maintenance", "{\"components\": [\"api\"], \"title\": \"x\", \"ends_at\": \"soon\"}" },
        { "/internal/maintenance", "{\"components\": [\"api\"], \"title\": \"x\", \"ends_at\": 4102444800000}" },
        { "/internal/maintenance", "{}" },
        { "/internal/maintenance", "[]" },
        { "/internal/incidents/1/updates", "{\"message\": null}" },
        { "/internal/incidents/1/updates", "{\"message\": [\"x\"]}" },
        { "/internal/incidents/1/updates", "{\"message\": \"x\", \"resolve\": \"yes\"}" },
        { "/internal/incidents/1/updates", "{\"message\": \"\\u0000\"}" },
        { "/internal/incidents/2147483647/updates", "{\"message\": \"x\"}" },
        { "/internal/incidents/99999999999/updates", "{\"message\": \"x\"}" },
        { "/internal/incidents/-1/updates", "{\"message\": \"x\"}" },
    };

    [Theory]
    [MemberData(nameof(OperatorGarbage))]
    public async Task OperatorApi_WithAnyBody_AnswersBelow500_InTheErrorShape(string path, string body)
    {
        using var http = Page.InternalClient();
        using var response = await http.PostAsync(path, Body(body));
        await AssertBelow500Async(response);
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

    [Fact]
    public async Task NoAnswerSoFar_WasA5xx()
    {
        // Runs in any order with the others; whatever they sent before is counted here, this class's own traffic included.
        using var http = Page.WebhookClient();
        foreach (var body in ((IEnumerable<object[]>)WebhookGarbage).Select(row => (string)row[0]))
            using (await http.PostAsync("/internal/alerts", Body(body))) { }
        var metrics = await http.GetStringAsync("/metrics");
        // The fixture's own polling until the schema is migrated is the one 5xx expected.
        var serverErrors = metrics.Split('\n').Where(l => l.StartsWith("aicq_status_http_requests_total{", StringComparison.Ordinal) && l.Contains("status=\"5")
            && !l.StartsWith("aicq_status_http_requests_total{method=\"GET\",path=\"/internal/incidents\",status=\"503\"}", StringComparison.Ordinal)).ToList();
        Assert.True(serverErrors.Count == 0, string.Join('\n', serverErrors));
        Assert.Contains("aicq_status_http_requests_total{", metrics);
    }

    private IEnumerable<(string Path, HttpClient Client)> BodyRoutes() =>
        [("/internal/alerts", Page.WebhookClient()), ("/internal/maintenance", Page.InternalClient())];

    private static StringContent Body(string json, string contentType = "application/json")
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = null;
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private async Task<JsonElement> OperatorIncidentAsync(string fingerprint)
    {
        using var http = Page.InternalClient();
        var incidents = await http.GetFromJsonAsync<JsonElement>("/internal/incidents");
        return incidents.EnumerateArray().Single(i => i.GetProperty("fingerprint").GetString() == fingerprint);
    }

    private static async Task AssertBelow500Async(HttpResponseMessage response)
    {
        Assert.True((int)response.StatusCode < 500, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        AssertSecurityHeaders(response);
        if ((int)response.StatusCode >= 400) await AssertErrorAsync(response, response.StatusCode);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        AssertSecurityHeaders(response);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
    }

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
    }
}
