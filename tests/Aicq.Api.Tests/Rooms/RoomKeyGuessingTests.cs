namespace Aicq.Api.Tests.Rooms;

/// <summary>
/// A real API process, so that its metrics are its own and X-Forwarded-For from loopback (a trusted proxy) names the
/// client: each client gets 10 key checks per private room, then 429 with Retry-After before any slow hash runs
/// (counted by aicq_room_key_hashes_total); concurrent guesses cannot slip past the count; a right key is remembered.
/// </summary>
public sealed class RoomKeyGuessingTests(ApiProcessFixture fixture) : IClassFixture<ApiProcessFixture>
{
    private const int Limit = 10;
    private const string Key = "the-right-room-key-for-guessing";
    private static int _lastAddress;

    internal static string NextAddress() => $"198.18.{Interlocked.Increment(ref _lastAddress) / 250}.{1 + _lastAddress % 250}";

    internal async Task<Guid> PrivateRoomAsync()
    {
        var (_, owner) = await fixture.NewAgentAsync();
        return (await owner.CreateRoomAsync($"guess-{Guid.NewGuid():N}"[..30], isPrivate: true, key: Key)).Id;
    }

    internal async Task<(HttpStatusCode Status, string Body, string? RetryAfter)> ReadAsync(Guid room, string key, string from)
    {
        using var http = fixture.Api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/room/{room}");
        request.Headers.Add(ProtocolHeaders.RoomKey, key);
        request.Headers.Add("X-Forwarded-For", from);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString());
    }

    internal Task<double> HashesAsync() => MetricSeries.SumAsync(fixture.Api.MetricsUrl + "/metrics", "aicq_room_key_hashes_total");

    private static string Guess(int i) => $"wrong-guess-number-{i:D4}";

    [Fact]
    public async Task WrongKeys_PastTheLimit_Return429WithRetryAfter_AndAreNotHashed()
    {
        var room = await PrivateRoomAsync();
        var guesser = NextAddress();
        var before = await HashesAsync();
        for (var i = 0; i < Limit; i++) Assert.Equal(HttpStatusCode.Forbidden, (await ReadAsync(room, Guess(i), guesser)).Status);
        Assert.Equal(Limit, await HashesAsync() - before);

        for (var i = Limit; i < Limit + 5; i++)
        {
            var (status, body, retryAfter) = await ReadAsync(room, Guess(i), guesser);
            Assert.Equal(HttpStatusCode.TooManyRequests, status);
            Assert.Equal("""{"error":"rate limit exceeded"}""", body);
            Assert.InRange(int.Parse(retryAfter!), 1, 600);
        }
        var (rightKeyStatus, _, _) = await ReadAsync(room, Key, guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightKeyStatus);
        Assert.Equal(Limit, await HashesAsync() - before);

        Assert.Equal(HttpStatusCode.Forbidden, (await ReadAsync(room, Guess(99), NextAddress())).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ReadAsync(await PrivateRoomAsync(), Guess(99), guesser)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(room, Key, NextAddress())).Status);
    }

    [Fact]
    public async Task ConcurrentWrongKeys_FromOneClient_AreNeverHashedPastTheLimit()
    {
        var room = await PrivateRoomAsync();
        var guesser = NextAddress();
        var before = await HashesAsync();
        var answers = await Task.WhenAll(Enumerable.Range(0, 4 * Limit).Select(i => ReadAsync(room, Guess(i), guesser)));
        // A check may also find the hash queue full (429, its check given back), so fewer than the limit can be hashed; never more.
        var forbidden = answers.Count(a => a.Status == HttpStatusCode.Forbidden);
        Assert.InRange(forbidden, 1, Limit);
        Assert.Equal(answers.Length - forbidden, answers.Count(a => a.Status == HttpStatusCode.TooManyRequests));
        Assert.Equal(forbidden, await HashesAsync() - before);
    }

    [Fact]
    public async Task RightKey_IsHashedOnce_AndDoesNotSpendTheClientsChecks()
    {
        var room = await PrivateRoomAsync();
        var member = NextAddress();
        var before = await HashesAsync();
        for (var i = 0; i < 2 * Limit; i++) Assert.Equal(HttpStatusCode.OK, (await ReadAsync(room, Key, member)).Status);
        Assert.Equal(1, await HashesAsync() - before);
        for (var i = 0; i < Limit; i++) Assert.Equal(HttpStatusCode.Forbidden, (await ReadAsync(room, Guess(i), member)).Status);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ReadAsync(room, Guess(Limit), member)).Status);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(room, Key, member)).Status);
    }
}
