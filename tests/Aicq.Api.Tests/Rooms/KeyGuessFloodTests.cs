namespace Aicq.Api.Tests.Rooms;

/// <summary>
/// Issue 12's starvation, as a regression: a burst of wrong keys from many addresses at once used to run a slow hash per
/// guess on the request threads, so other clients waited, answers turned 503 and Redis replies timed out until the Redis
/// circuit opened for everyone. Now the burst is refused (429) or hashed on the key pool, and the others' p99 stays within
/// a bound from their own baseline in this run (4 × it, plus three times what one wrong key costs alone).
/// </summary>
public sealed class KeyGuessFloodTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private const string Key = "the-right-room-key-for-flooding";
    private static readonly Guid Global = new("00000000-0000-0000-0000-000000000001");

    private sealed record Timed(HttpStatusCode Status, double Ms);

    private static async Task<Timed> ReadAsync(HttpClient http, Guid room, string? key, string from)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/room/{room}?limit=5");
        if (key is not null) request.Headers.Add(ProtocolHeaders.RoomKey, key);
        request.Headers.Add("X-Forwarded-For", from);
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request);
        return new Timed(response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static async Task<List<Timed>> OthersAsync(HttpClient http, Guid room, int reads, Func<bool>? until = null)
    {
        var answers = new List<Timed>();
        for (var i = 0; i < reads && until?.Invoke() != true; i++)
        {
            answers.Add(await ReadAsync(http, Global, null, "198.19.0.1"));
            answers.Add(await ReadAsync(http, room, Key, "198.19.0.2"));
        }
        return answers;
    }

    private static double P99(IEnumerable<Timed> answers)
    {
        var sorted = answers.Select(a => a.Ms).Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(0.99 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    [Fact]
    public async Task WrongKeyBurst_FromManyAddresses_GivesNo503_KeepsTheCircuitClosed_AndOthersLatency()
    {
        var (_, owner) = await fixture.NewAgentAsync();
        var room = (await owner.CreateRoomAsync($"flood-{Guid.NewGuid():N}"[..30], isPrivate: true, key: Key)).Id;
        using var http = fixture.Api.CreateClient();
        await OthersAsync(http, room, 5);
        var baseline = await OthersAsync(http, room, 40);
        var alone = new List<double>();
        for (var i = 0; i < 3; i++) alone.Add((await ReadAsync(http, room, $"calibrating-wrong-key-{i}", "198.19.0.3")).Ms);
        var hashMs = alone.Order().ElementAt(1);
        var hashesBefore = await HashesAsync();

        // 8 addresses × 20 guesses, all sent at once, each on a connection of its own.
        var burst = Task.WhenAll(Enumerable.Range(0, 160).Select(async i =>
        {
            using var guesser = fixture.Api.CreateClient();
            return await ReadAsync(guesser, room, $"flooding-wrong-key-{i:D4}", $"198.20.0.{1 + i % 8}");
        }));
        var during = await OthersAsync(http, room, 200, () => burst.IsCompleted);
        var guesses = await burst;
        var hashed = await HashesAsync() - hashesBefore;
        var health = await http.GetAsync("/health");
        var circuit = await MetricSeries.SumAsync(fixture.Api.MetricsUrl + "/metrics", "aicq_redis_circuit_open");

        var report = $"guesses: {string.Join(", ", guesses.GroupBy(g => g.Status).Select(g => $"{g.Count()} × {(int)g.Key}"))}; {hashed} hashed; " +
            $"others p99 {P99(baseline):0} ms before, {P99(during):0} ms during ({during.Count} reads); one wrong key {hashMs:0} ms";
        Assert.All(guesses, g => Assert.True(g.Status is HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests, report));
        Assert.All(baseline.Concat(during), a => Assert.True(a.Status == HttpStatusCode.OK, report));
        Assert.True(hashed <= 8 * 10, report);
        Assert.True(guesses.Count(g => g.Status == HttpStatusCode.TooManyRequests) >= guesses.Length / 2, report);
        Assert.False(fixture.Api.Logged("redis_circuit_opened"), report);
        Assert.Equal(0, circuit);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(P99(during) <= 4 * P99(baseline) + 3 * hashMs, report);
    }

    private Task<double> HashesAsync() => MetricSeries.SumAsync(fixture.Api.MetricsUrl + "/metrics", "aicq_room_key_hashes_total");
}
