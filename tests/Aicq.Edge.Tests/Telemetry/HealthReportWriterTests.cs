using Aicq.ServiceDefaults.Health;
using HealthChecks.UI.Client;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aicq.Edge.Tests.Telemetry;

/// <summary>
/// /health/ready keeps the HealthChecks UI format the status page and operators read: our AOT-safe writer against
/// the reflection-based one it replaced, on a report with every kind of entry.
/// </summary>
public sealed class HealthReportWriterTests
{
    [Fact]
    public async Task Write_GivesTheBytesOfHealthChecksUiClient()
    {
        var report = new HealthReport(new Dictionary<string, HealthReportEntry>
        {
            ["shutdown"] = new(HealthStatus.Healthy, null, TimeSpan.FromTicks(12_345), null, new Dictionary<string, object>(), ["ready"]),
            ["redis"] = new(HealthStatus.Unhealthy, null, TimeSpan.FromSeconds(2.5), new InvalidOperationException("no \"redis\" <at> 10.0.0.1 é"),
                new Dictionary<string, object> { ["text"] = "a+b & c", ["count"] = 3, ["big"] = long.MaxValue, ["ok"] = true, ["ratio"] = 0.25 },
                ["ready", "cache"]),
            ["database"] = new(HealthStatus.Degraded, "slow: 900 ms", TimeSpan.FromMilliseconds(900), new TimeoutException("timed out"), null, []),
        }, TimeSpan.FromMilliseconds(2_501.5));

        var (theirType, theirs) = await RenderAsync(UIResponseWriter.WriteHealthCheckUIResponse, report);
        var (ourType, ours) = await RenderAsync(HealthReportWriter.WriteAsync, report);

        Assert.Equal(theirType, ourType);
        Assert.Equal(theirs, ours);
    }

    private static async Task<(string? ContentType, string Body)> RenderAsync(Func<HttpContext, HealthReport, Task> write, HealthReport report)
    {
        var body = new MemoryStream();
        var context = new DefaultHttpContext { Response = { Body = body } };
        await write(context, report);
        await context.Response.BodyWriter.FlushAsync();
        return (context.Response.ContentType, System.Text.Encoding.UTF8.GetString(body.ToArray()));
    }
}
