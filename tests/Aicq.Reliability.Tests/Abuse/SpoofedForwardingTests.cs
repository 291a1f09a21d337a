using static Aicq.Reliability.Tests.Abuse.AbuseHttp;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Spoofed forwarding headers at volume from untrusted peers: several spoofers write a victim's address (and
/// others) into every forwarding header the edge knows. Each spoofer still spends only its own budget, is logged by
/// the API under its own address, and gets itself blocked; the victim's budget and standing are untouched.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class SpoofedForwardingTests(AbuseAppliance fixture)
{
    private const int ChannelsLimit = 60;
    private const int BlockThreshold = 10;
    private const int PerSpoofer = 100;

    [Fact]
    public async Task SpoofedForwardingHeaders_ChangeNeitherBudgetNorLoggedAddress_AndCannotBlockTheVictim()
    {
        var appliance = fixture.Appliance;
        var victim = AbuseAppliance.NextAddress();
        var spoofers = Enumerable.Range(0, SuiteForm.Pick(8, 3)).Select(_ => AbuseAppliance.NextAddress()).ToArray();
        var run = Guid.NewGuid().ToString("N")[..8];
        string Agent(int i) => $"abuse-spoofer-{run}-{i}";

        var answers = await Task.WhenAll(spoofers.Select((from, i) => SpoofAsync(from, victim, Agent(i))));

        var problems = new List<string>();
        for (var i = 0; i < spoofers.Length; i++)
        {
            var own = answers[i];
            var allowed = own.Take(ChannelsLimit).ToList();
            if (allowed.Select((a, k) => a.Is(200) && a.Remaining == ChannelsLimit - 1 - k).Any(ok => !ok))
                problems.Add($"spoofer {spoofers[i]}: first {ChannelsLimit} not 200 counting its own budget down: {Tally(allowed)}");
            var limited = own.Skip(ChannelsLimit).Take(BlockThreshold).ToList();
            if (limited.Any(a => !a.Is(429, RateLimited) || a.RetryAfter is null))
                problems.Add($"spoofer {spoofers[i]}: next {BlockThreshold} not 429 with Retry-After: {Tally(limited)}");
            var blocked = own.Skip(ChannelsLimit + BlockThreshold).ToList();
            if (blocked.Any(a => !a.Is(403, Blocked))) problems.Add($"spoofer {spoofers[i]}: not blocked after its violations: {Tally(blocked)}");
        }

        using var victimClient = appliance.Edge.Client(victim);
        var victimAnswer = await SendAsync(victimClient, new HttpRequestMessage(HttpMethod.Get, "/channels"));
        if (!victimAnswer.Is(200) || victimAnswer.Remaining != ChannelsLimit - 1)
            problems.Add($"victim's first /channels: {victimAnswer.Status}, Remaining {victimAnswer.Remaining} (expected 200, {ChannelsLimit - 1})");

        var spooferAgents = spoofers.Select((from, i) => (Agent: Agent(i), Ip: from.ToString())).ToDictionary(s => s.Agent, s => s.Ip);
        var forwarded = spoofers.Length * ChannelsLimit;
        var apiLines = await RequestLogLines.WaitForAsync(appliance.Apis.Select(a => a.Process), l => spooferAgents.ContainsKey(l.UserAgent), forwarded);
        var edgeLines = RequestLogLines.Of(appliance.Edge.Process).Where(l => spooferAgents.ContainsKey(l.UserAgent)).ToList();
        var misattributed = apiLines.Concat(edgeLines).Count(l => l.Ip != spooferAgents[l.UserAgent]);
        if (apiLines.Count != forwarded) problems.Add($"the API logged {apiLines.Count} spoofer requests, expected the {forwarded} forwarded");
        if (misattributed > 0) problems.Add($"{misattributed} log lines name an address other than the spoofer's own");

        var total = answers.Sum(a => a.Length);
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Spoofed forwarding headers",
            $"each spoofer: exactly {ChannelsLimit} × 200 on its own budget of GET /channels, then 429 with Retry-After, blocked (403) after " +
            $"{BlockThreshold} violations; the victim's budget untouched and it is not blocked; API and edge log the spoofer's own address",
            $"{spoofers.Length} spoofers × {PerSpoofer} requests ({total}) naming the victim or others in X-Forwarded-For, X-Real-IP, " +
            $"Fly-Client-IP and Forwarded: {Tally(answers.SelectMany(a => a))}; victim afterwards: {victimAnswer.Status} with " +
            $"X-RateLimit-Remaining {victimAnswer.Remaining}; API logged {apiLines.Count} spoofer lines, edge {edgeLines.Count}, " +
            $"{misattributed} with another address" + (problems.Count == 0 ? "" : "; " + string.Join("; ", problems)),
            problems.Count == 0);
    }

    /// <summary>One spoofer's requests, one at a time so that the order of budget, violations and block is exact.</summary>
    private async Task<Answer[]> SpoofAsync(IPAddress from, IPAddress victim, string userAgent)
    {
        using var client = fixture.Appliance.Edge.Client(from);
        var answers = new Answer[PerSpoofer];
        for (var k = 0; k < PerSpoofer; k++)
        {
            // Mostly the victim; otherwise documentation addresses, and chains whose rightmost entry is the victim.
            var named = k % 3 == 0 ? $"203.0.113.{1 + k % 250}" : victim.ToString();
            var request = new HttpRequestMessage(HttpMethod.Get, "/channels");
            request.Headers.TryAddWithoutValidation("User-Agent", userAgent);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", k % 2 == 0 ? named : $"198.51.100.7, {named}");
            request.Headers.TryAddWithoutValidation("X-Real-IP", named);
            request.Headers.TryAddWithoutValidation("Fly-Client-IP", named);
            request.Headers.TryAddWithoutValidation("Forwarded", $"for={named};proto=https");
            answers[k] = await SendAsync(client, request);
        }
        return answers;
    }
}
