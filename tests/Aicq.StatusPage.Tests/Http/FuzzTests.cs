using static Aicq.StatusPage.Tests.Support.Answers;

namespace Aicq.StatusPage.Tests.Http;

/// <summary>
/// A little fuzzing of the webhook and the operator API of the real process: wrong JSON types, nulls, huge arrays,
/// missing fields, bad timestamps. Each answer is below 500, in the error shape when it is an error, with the headers.
/// </summary>
public sealed class FuzzTests(PageFixture fixture) : IClassFixture<PageFixture>
{
    private StatusPageProcess Page => fixture.Page;

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
}
