namespace Aicq.Testing.Edge;

/// <summary>
/// Many requests in flight at once: every connection is opened first (so none waits on a TLS handshake), then all
/// requests are released together, spread over the given clients in turn.
/// </summary>
public static class Burst
{
    public static async Task<HttpStatusCode[]> SendAsync(IReadOnlyList<HttpClient> clients, int count, Func<HttpRequestMessage> request)
    {
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            using var warm = await clients[i % clients.Count].GetAsync("/health");
        }));
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sends = Enumerable.Range(0, count).Select(async i =>
        {
            using var message = request();
            await start.Task;
            using var response = await clients[i % clients.Count].SendAsync(message);
            return response.StatusCode;
        }).ToArray();
        start.SetResult();
        return await Task.WhenAll(sends);
    }

    /// <summary>"10 × 201, 15 × 429": what a burst got, for assertion messages.</summary>
    public static string Tally(IEnumerable<HttpStatusCode> statuses) =>
        string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}"));
}
