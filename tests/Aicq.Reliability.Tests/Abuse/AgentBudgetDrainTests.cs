using static Aicq.Reliability.Tests.Abuse.AbuseHttp;
using static Aicq.Reliability.Tests.Abuse.SignedRequests;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Thousands of unsigned, badly signed, forged and replayed requests from many addresses, all claiming a victim's
/// <c>X-AICQ-Agent</c>, never spend the victim's agent budget: once they are answered its <c>X-RateLimit-Remaining</c>
/// counts only its own requests, it keeps posting during the attack, and no junk request is ever accepted. While a junk
/// request is in flight it holds one of the victim's requests (the edge reserves before forwarding and moves the
/// reservation to the junk's address on the API's 401), so during the attack the victim may see less, never more.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class AgentBudgetDrainTests(AbuseAppliance fixture)
{
    private const int PostLimit = 30;
    private const int ReadDmsLimit = 60;

    [Fact]
    public async Task JunkClaimingAVictimAgent_FromManyAddresses_NeverSpendsItsBudget()
    {
        var appliance = fixture.Appliance;
        using var victim = await appliance.NewAgentAsync("drain-victim");
        using var victimHttp = appliance.Edge.Client(AbuseAppliance.NextAddress());
        var victimPosts = new List<Answer>();

        // The victim's first post is captured: attackers replay it verbatim.
        var capturedBody = MessageBody("victim before the attack");
        var captured = Sign(victim, capturedBody);
        victimPosts.Add(await SendAsync(victimHttp, Post($"/room/{GlobalRoom}", capturedBody, captured)));
        var dmsBefore = await SendAsync(victimHttp, Get("/dm", Sign(victim, [])));

        var attackers = Enumerable.Range(0, SuiteForm.Pick(60, 20)).Select(_ => AbuseAppliance.NextAddress()).ToArray();
        var perAttacker = SuiteForm.Pick(150, 100);
        var fallbacks = Fallbacks(appliance);
        var clock = Stopwatch.StartNew();
        var attack = Task.WhenAll(attackers.Select(from => AttackAsync(from, victim.AgentId, capturedBody, captured, perAttacker)));
        while (!attack.IsCompleted && victimPosts.Count < 20)
        {
            victimPosts.Add(await SendAsync(victimHttp, VictimPost(victim, $"victim during the attack {victimPosts.Count}")));
            await Task.WhenAny(attack, Task.Delay(1500));
        }
        var junk = (await attack).SelectMany(a => a).ToList();
        var attackSeconds = clock.Elapsed.TotalSeconds;
        victimPosts.Add(await SendAsync(victimHttp, VictimPost(victim, "victim after the attack")));
        var dmsAfter = await SendAsync(victimHttp, Get("/dm", Sign(victim, [])));

        // A Redis answer slower than the edge's timeout (a loaded machine) can leave a reservation in Redis that the memory
        // fallback then settles in memory: that run shows the fallback's per-instance promise, not the shared one.
        var fellBack = Fallbacks(appliance) > fallbacks;
        var problems = new List<string>();
        for (var i = 0; i < victimPosts.Count; i++)
        {
            var settled = i == 0 || i == victimPosts.Count - 1;
            var expected = PostLimit - 1 - i;
            if (!victimPosts[i].Is(201) || victimPosts[i].Remaining > expected || (settled && !fellBack && victimPosts[i].Remaining != expected))
                problems.Add($"victim post {i + 1}: {victimPosts[i].Status}, Remaining {victimPosts[i].Remaining} (expected 201, {(settled ? "" : "at most ")}{expected})");
        }
        if (!dmsBefore.Is(200) || dmsBefore.Remaining != ReadDmsLimit - 1 || !dmsAfter.Is(200) || (!fellBack && dmsAfter.Remaining != ReadDmsLimit - 2))
            problems.Add($"victim GET /dm: Remaining {dmsBefore.Remaining} then {dmsAfter.Remaining} (expected {ReadDmsLimit - 1} then {ReadDmsLimit - 2})");
        var accepted = junk.Count(a => a.Status is < 400 or >= 500);
        var shapeless = junk.Count(a => a.Error is null);
        var refusedByApi = junk.Count(a => a.Status == 401);
        if (accepted > 0) problems.Add($"{accepted} junk requests got a 2xx, 3xx or 5xx");
        if (shapeless > 0) problems.Add($"{shapeless} junk answers without the protocol's error shape");
        if (refusedByApi == 0) problems.Add("no junk reached the API (no 401): the attack did not test the agent scope");

        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Agent-budget draining",
            $"junk claiming the victim's X-AICQ-Agent (no signature, garbage signature, another key's signature, replay) is refused " +
            $"(401, then 429/403 on the junk's own address) and, once answered, has left the victim's X-RateLimit-Remaining untouched " +
            $"(in flight it holds one of the victim's requests); the victim keeps posting",
            $"{junk.Count} junk requests from {attackers.Length} addresses in {attackSeconds:0.#} s: {Tally(junk)}; victim: " +
            $"{victimPosts.Count} posts all 201 with Remaining {victimPosts[0].Remaining}→{victimPosts[^1].Remaining} (one per own post; " +
            $"lowest during the attack {victimPosts.Min(p => p.Remaining)}), GET /dm Remaining {dmsBefore.Remaining}→{dmsAfter.Remaining}" +
            (fellBack ? "; the edge fell back to memory during the attack" : "") + (problems.Count == 0 ? "" : "; " + string.Join("; ", problems)),
            problems.Count == 0);
    }

    private static int Fallbacks(ReliabilityAppliance appliance) =>
        appliance.Edge.Process.Output.Count(line => line.Contains("ratelimit_fallback_active", StringComparison.Ordinal));

    private static HttpRequestMessage VictimPost(AgentIdentity victim, string text)
    {
        var body = MessageBody(text);
        return Post($"/room/{GlobalRoom}", body, Sign(victim, body));
    }

    /// <summary>One attacking address: four kinds of junk in turn, against an agent-scoped write and read.</summary>
    private async Task<Answer[]> AttackAsync(IPAddress from, Guid victimId, byte[] capturedBody, SignedHeaders captured, int count)
    {
        using var client = fixture.Appliance.Edge.Client(from);
        using var impostorKey = AgentKey.Generate();
        using var impostor = new AgentIdentity(victimId, impostorKey);
        var answers = new Answer[count];
        for (var k = 0; k < count; k++)
        {
            var body = MessageBody($"junk {k}");
            var headers = (k % 4) switch
            {
                0 => null,
                1 => captured with { Nonce = RequestSigner.NewNonce(), Signature = Convert.ToBase64String(RandomNumberGenerator.GetBytes(64)) },
                2 => Sign(impostor, body),
                _ => captured,
            };
            HttpRequestMessage request = (k % 4, k % 8 < 4) switch
            {
                (3, _) => Post($"/room/{GlobalRoom}", capturedBody, captured),
                (_, true) => Post($"/room/{GlobalRoom}", body, headers),
                _ => Get("/dm", headers),
            };
            if (headers is null) request.Headers.TryAddWithoutValidation(ProtocolHeaders.Agent, victimId.ToString());
            answers[k] = await SendAsync(client, request);
        }
        return answers;
    }
}
