namespace Aicq.Api.Tests.Telemetry;

public sealed class MetricsTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private static readonly Guid Global = new("00000000-0000-0000-0000-000000000001");

    [Fact]
    public async Task Metrics_OnPublicPort_Returns404()
    {
        using var http = fixture.Api.CreateClient();
        await Assert.Error(await http.GetAsync("/metrics"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metrics_OnPublicPortWithTheMetricsPortInTheHostHeader_Returns404()
    {
        using var http = fixture.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Host = "127.0.0.1:" + new Uri(fixture.Api.MetricsUrl).Port;
        await Assert.Error(await http.SendAsync(request), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Metrics_OnInternalPort_ExportEveryApiMetricWithRouteTemplates()
    {
        var (_, client) = await fixture.NewAgentAsync();
        var posted = await client.PostMessageAsync(Global, "metrics traffic word");
        await client.FindAsync("metrics traffic");
        await client.GetInboxAsync();
        await client.SendDmAsync(client.Identity!.AgentId, "note to self");
        using var http = fixture.Api.CreateClient();
        await http.GetAsync($"/room/{Global}");
        await http.PostAsync($"/room/{Global}", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        var text = await Eventually(async () =>
        {
            var metrics = await new HttpClient().GetStringAsync($"{fixture.Api.MetricsUrl}/metrics");
            // Health is published every 10 s; under load a first check may time out and read 0 until the next.
            return metrics.Contains("aicq_health_check_status{check=\"redis\"} 1")
                && metrics.Contains("aicq_health_check_status{check=\"postgres\"} 1") ? metrics : null;
        });
        foreach (var name in new[]
        {
            "aicq_http_requests_total", "aicq_http_request_duration_seconds_bucket", "aicq_agents_registered_total",
            "aicq_messages_posted_total{room_type=\"public\"}", "aicq_dms_sent_total", "aicq_search_queries_total",
            "aicq_auth_failures_total{reason=\"missing_header\"}", "aicq_redis_latency_seconds_bucket",
            "aicq_postgres_latency_seconds_bucket", "aicq_active_connections{db=\"postgres\"}", "aicq_active_connections{db=\"redis\"} 1",
            "aicq_health_check_status{check=\"postgres\"} 1", "aicq_build_info{version=", "process_working_set_bytes",
            "aicq_overload_in_flight", "aicq_overload_limit 64", "aicq_overload_queued{priority=\"sheddable\"} 0",
            "aicq_overload_standing_queue 0", "aicq_overload_queue_sojourn_seconds_bucket",
            "aicq_overload_shed_total{reason=\"standing_queue\",priority=\"sheddable\"} 0",
        })
        {
            Assert.Contains(name, text);
        }
        Assert.Contains("path=\"/room/{id}\"", text);
        Assert.DoesNotContain($"path=\"/room/{Global}\"", text);
        Assert.DoesNotContain(posted.Id, text);
    }

    private static async Task<string> Eventually(Func<Task<string?>> attempt)
    {
        for (var i = 0; i < 250; i++)
        {
            if (await attempt() is { } value) return value;
            await Task.Delay(200);
        }
        throw new TimeoutException("condition not met within 50 s");
    }
}
