using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using Aicq.Client;
using Aicq.Edge.Tests.Support;
using Aicq.Testing.Reliability;
using static Aicq.Reliability.Tests.Abuse.AbuseHttp;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// Guessing a private room's key through the edge: every wrong key is a 403, each guesser gets the route's
/// 120 reads a minute and then 429s with Retry-After, and its tenth violation blocks it (the protocol's block
/// rule); signing the guesses changes nothing. Meanwhile the right key keeps working for everyone else.
/// Each wrong key costs the API a slow hash (PBKDF2), so many guessers slow each other down: this case uses an edge
/// of its own whose read_room row keeps the published 120 but over 10 minutes, so that a guesser's 120 guesses stay
/// in one window however slow the machine is.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class RoomKeyGuessingTests(AbuseAppliance fixture)
{
    private const int ReadRoomLimit = 120;
    private const int BlockThreshold = 10;
    private const int PerGuesser = ReadRoomLimit + BlockThreshold + 10;
    private const string WrongKey = "room key missing or wrong";

    [Fact]
    public async Task GuessingAPrivateRoomsKey_IsRefused_RateLimited_AndBlocked_WhileTheRightKeyWorks()
    {
        var appliance = fixture.Appliance;
        using var owner = await appliance.NewAgentAsync("key-owner");
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        using var api = appliance.Apis[0].CreateClient();
        var room = (await new AicqClient(api, owner).CreateRoomAsync($"guess-me-{Guid.NewGuid():N}"[..24], isPrivate: true, key: key)).Id;

        var unsigned = SuiteForm.Pick(10, 4);
        var signers = new List<AgentIdentity>();
        for (var i = 0; i < SuiteForm.Pick(2, 1); i++) signers.Add(await appliance.NewAgentAsync("key-guesser"));
        var guessers = Enumerable.Range(0, unsigned).Select(_ => (From: AbuseAppliance.NextAddress(), Signer: (AgentIdentity?)null))
            .Concat(signers.Select(s => (From: AbuseAppliance.NextAddress(), Signer: (AgentIdentity?)s))).ToArray();
        await using var edge = await EdgeProcess.StartAsync(appliance.Tls, appliance.Apis.Select(a => a.BaseUrl), appliance.Redis.Url + "/2",
            new Dictionary<string, string?> { ["RATE_LIMIT_OVERRIDES"] = $"read_room={ReadRoomLimit}/10m" });
        var results = await Task.WhenAll(guessers.Select(g => GuessAsync(edge, g.From, g.Signer, room)));

        var problems = new List<string>();
        for (var i = 0; i < guessers.Length; i++)
        {
            var answers = results[i].Answers;
            var who = $"{(guessers[i].Signer is null ? "unsigned" : "signed")} guesser {guessers[i].From}";
            if (answers.Take(ReadRoomLimit).Any(a => !a.Is(403, WrongKey))) problems.Add($"{who}: first {ReadRoomLimit}: {Tally(answers.Take(ReadRoomLimit))}");
            var limited = answers.Skip(ReadRoomLimit).Take(BlockThreshold).ToList();
            if (limited.Any(a => !a.Is(429, RateLimited) || !int.TryParse(a.RetryAfter, out var s) || s < 1))
                problems.Add($"{who}: next {BlockThreshold}: {Tally(limited)} (Retry-After {string.Join(",", limited.Select(a => a.RetryAfter))})");
            if (answers.Skip(ReadRoomLimit + BlockThreshold).Any(a => !a.Is(403, Blocked))) problems.Add($"{who}: not blocked: {Tally(answers.Skip(ReadRoomLimit + BlockThreshold))}");
        }

        using var firstGuesser = edge.Client(guessers[0].From);
        var guesserWithRightKey = await SendAsync(firstGuesser, Read(room, key));
        if (!guesserWithRightKey.Is(403, Blocked)) problems.Add($"a blocked guesser with the right key got {guesserWithRightKey.Status}");
        using var member = edge.Client(AbuseAppliance.NextAddress());
        var memberRead = await SendAsync(member, Read(room, key));
        if (!memberRead.Is(200)) problems.Add($"another client with the right key got {memberRead.Status} {memberRead.Error}");

        var latencies = results.SelectMany(r => r.WrongKeyMs).ToList();
        await ReliabilityReport.CheckAsync(ReliabilitySuite.Abuse, "Private-room key guessing",
            $"GET /room/{{private}} with wrong keys (read_room {ReadRoomLimit} per 10 min): {ReadRoomLimit} × 403 per guesser, then 429 with Retry-After, blocked (403 " +
            $"temporarily blocked) after {BlockThreshold} violations, signed or not; the right key still reads the room for others",
            $"{guessers.Length} guessers ({signers.Count} signed) × {PerGuesser} guesses: {Tally(results.SelectMany(r => r.Answers))}; " +
            $"wrong-key answer p50 {Percentile(latencies, 50):0} ms, p99 {Percentile(latencies, 99):0} ms; a blocked guesser with the right key: " +
            $"{guesserWithRightKey.Status}; another client with the right key: {memberRead.Status}" +
            (problems.Count == 0 ? "" : "; " + string.Join("; ", problems)),
            problems.Count == 0);
    }

    private static HttpRequestMessage Read(Guid room, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/room/{room}?limit=5");
        request.Headers.TryAddWithoutValidation(AicqHeaders.RoomKey, key);
        return request;
    }

    /// <summary>One guesser, one guess at a time (so the order of 403s, 429s and the block is exact).</summary>
    private static async Task<(Answer[] Answers, List<double> WrongKeyMs)> GuessAsync(EdgeProcess edge, IPAddress from, AgentIdentity? signer, Guid room)
    {
        using var client = signer is null ? edge.Client(from) : edge.Signed(signer, from);
        var answers = new Answer[PerGuesser];
        var wrongKeyMs = new List<double>();
        for (var i = 0; i < PerGuesser; i++)
        {
            var guess = Convert.ToBase64String(RandomNumberGenerator.GetBytes(12 + i % 20));
            var started = Stopwatch.GetTimestamp();
            answers[i] = await SendAsync(client, Read(room, guess));
            if (answers[i].Is(403, WrongKey)) wrongKeyMs.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return (answers, wrongKeyMs);
    }
}
