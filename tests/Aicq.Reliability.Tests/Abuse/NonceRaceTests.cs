using static Aicq.Reliability.Tests.Abuse.AbuseHttp;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// One signed request (one nonce) sent 50 times at the same instant, through the edge and straight to both API
/// instances: the nonce check is atomic across instances, so exactly one copy is accepted, the other 49 get the
/// protocol's replay error, and exactly one message is stored.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class NonceRaceTests(AbuseAppliance fixture)
{
    private const int Copies = 50;
    private const int ThroughEdge = 20;
    private const string ReplayError = "nonce already used";

    [Fact]
    public async Task FiftyCopiesOfOneSignedRequest_AtOnce_StoreExactlyOneMessage()
    {
        var appliance = fixture.Appliance;
        using var agent = await appliance.NewAgentAsync("nonce-racer");
        using var api = appliance.Apis[0].CreateClient();
        var room = (await new AicqClient(api, agent).CreateRoomAsync($"nonce-race-{Guid.NewGuid():N}"[..30])).Id;

        // One warm connection per copy: 20 through the edge (each from its own address, so the losers' charges
        // never add up to an address's limit), 15 to each API instance.
        var clients = Enumerable.Range(0, Copies).Select(i => i < ThroughEdge
            ? appliance.Edge.Client(AbuseAppliance.NextAddress())
            : appliance.Apis[i % 2].CreateClient()).ToArray();
        try
        {
            await Task.WhenAll(clients.Select(c => c.GetAsync("/api")));
            var rounds = SuiteForm.Pick(10, 3);
            var problems = new List<string>();
            var all = new List<Answer>();
            for (var round = 0; round < rounds; round++)
            {
                var text = $"race {round} {Guid.NewGuid():N}";
                var answers = await RaceAsync(clients, room, agent, text);
                all.AddRange(answers);
                var stored = (await new AicqClient(api).ReadRoomAsync(room, limit: 200)).Messages.Count(m => m.Body == text);
                var winners = answers.Count(a => a.Status is >= 200 and < 300);
                var replays = answers.Count(a => a.Is(401, ReplayError));
                if (winners != 1 || replays != Copies - 1 || stored != 1)
                    problems.Add($"round {round + 1}: {Tally(answers)}; {stored} stored");
            }

            await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "50-way nonce race",
                $"each round: {Copies} copies of one signed POST /room/{{id}} released at once ({ThroughEdge} through the edge, " +
                $"{(Copies - ThroughEdge) / 2} straight to each API instance): exactly one 2xx, {Copies - 1} × 401 ({ReplayError}), one message stored",
                $"{rounds} rounds, {all.Count} requests: {Tally(all)}" + (problems.Count == 0 ? "; every round one 201 and one stored message" : "; " + string.Join("; ", problems)),
                problems.Count == 0);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    private static async Task<Answer[]> RaceAsync(HttpClient[] clients, Guid room, AgentIdentity agent, string text)
    {
        var body = SignedRequests.MessageBody(text);
        var headers = SignedRequests.Sign(agent, body);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var copies = clients.Select(async client =>
        {
            var request = SignedRequests.Post($"/room/{room}", body, headers);
            await start.Task;
            return await SendAsync(client, request);
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(copies);
    }
}
