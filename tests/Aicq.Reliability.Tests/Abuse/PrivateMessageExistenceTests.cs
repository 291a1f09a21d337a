using static Aicq.Reliability.Tests.Abuse.AbuseHttp;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Without a private room's key nobody learns through the edge which message ids exist in it (issue 12's existence
/// oracle): a stranger's DELETE, a read with <c>before</c> just after a real message, and a reply (<c>pid</c>) answer a
/// real message with the same status and error as a made-up one, with no key and with a wrong one (the rate-limit headers
/// count down between any two requests, so they are not compared).
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class PrivateMessageExistenceTests(AbuseAppliance fixture)
{
    [Fact]
    public async Task WithoutTheKey_RealAndMadeUpMessageIds_AnswerAlike()
    {
        var appliance = fixture.Appliance;
        using var owner = await appliance.NewAgentAsync("oracle-owner");
        using var stranger = await appliance.NewAgentAsync("oracle-stranger");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        using var api = appliance.Apis[0].CreateClient();
        var ownerClient = new AicqClient(api, owner);
        var room = (await ownerClient.CreateRoomAsync($"oracle-{Guid.NewGuid():N}"[..24], isPrivate: true, key: key)).Id;
        var real = await ownerClient.PostMessageAsync(room, "exists", roomKey: key);
        var madeUp = real.Id[..^1] + (real.Id[^1] == '0' ? '1' : '0');
        using var signed = appliance.Edge.Signed(stranger, AbuseAppliance.NextAddress());

        var differences = new List<string>();
        var answers = new List<Answer>();
        foreach (var presented in new[] { null, "a-wrong-key-for-the-oracle" })
        {
            async Task Compare(string call, Func<string, long, HttpRequestMessage> request)
            {
                var (forReal, forMadeUp) = (await SendAsync(signed, request(real.Id, real.Ts + 1)), await SendAsync(signed, request(madeUp, real.Ts - 60_000)));
                answers.AddRange([forReal, forMadeUp]);
                if ((forReal.Status, forReal.Error) != (forMadeUp.Status, forMadeUp.Error)) differences.Add($"{call} ({(presented is null ? "no key" : "wrong key")}): {forReal.Status} {forReal.Error} vs {forMadeUp.Status} {forMadeUp.Error}");
            }
            HttpRequestMessage With(HttpRequestMessage request)
            {
                if (presented is not null) request.Headers.TryAddWithoutValidation(ProtocolHeaders.RoomKey, presented);
                return request;
            }
            await Compare("DELETE", (id, _) => With(new HttpRequestMessage(HttpMethod.Delete, $"/room/{room}/{id}")));
            await Compare("GET before", (_, before) => With(new HttpRequestMessage(HttpMethod.Get, $"/room/{room}?before={before}")));
            await Compare("POST pid", (id, _) => With(new HttpRequestMessage(HttpMethod.Post, $"/room/{room}")
            {
                Content = new StringContent($$"""{"body":"reply","pid":"{{id}}"}""", Encoding.UTF8, "application/json"),
            }));
        }
        var stillThere = (await ownerClient.ReadRoomAsync(room, roomKey: key)).Messages.Any(m => m.Id == real.Id);

        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Private message ids without the key",
            "a stranger's DELETE /room/{private}/{msgID}, GET with before and POST with pid, with no key and a wrong one, through the edge: " +
            "a real message id answers exactly as a made-up one; the real message stays",
            $"12 pairs: {Tally(answers)}; {differences.Count} pairs differ; the message {(stillThere ? "stays" : "is gone")}" +
            (differences.Count == 0 ? "" : "; " + string.Join("; ", differences)),
            differences.Count == 0 && stillThere);
    }
}
