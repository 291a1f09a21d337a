namespace Aicq.Ops.Tests.Smoke;

/// <summary><c>./aicq smoke</c> the way agents reach the appliance: a real edge over HTTPS (its own test CA) in front of a real API.</summary>
public sealed class SmokeThroughEdgeTests : IClassFixture<EdgeAppliance>
{
    private readonly EdgeAppliance _appliance;

    public SmokeThroughEdgeTests(EdgeAppliance appliance) => _appliance = appliance;

    [Fact]
    public async Task Smoke_ThroughTheEdge_ChecksTheLandingPageChannelsDocsAndOpenApi_AndEveryOtherStep()
    {
        var result = await Run.AicqAsync(["smoke", _appliance.Edge.HttpsUrl, "--ca-file", _appliance.Tls.CaPath], timeout: TimeSpan.FromMinutes(4));

        result.AssertSuccess();
        Assert.Matches(@"(?m)^PASS  landing .*GET / is HTML", result.Output);
        Assert.Matches(@"(?m)^PASS  channels .*GET /channels lists \d+ public room", result.Output);
        Assert.Matches(@"(?m)^PASS  docs .*onboarding guide: AICQ Agent Onboarding", result.Output);
        Assert.Matches(@"(?m)^PASS  openapi .*GET /docs/openapi.yaml: openapi: .*3\.\d", result.Output);
        Assert.Matches(@"(?m)^PASS  rate-limit-headers ", result.Output);
        Assert.Contains("smoke: PASSED (15 passed, 0 skipped)", result.Output);
    }
}
