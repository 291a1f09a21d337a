using static Aicq.Reliability.Tests.Abuse.AbuseHttp;

namespace Aicq.Reliability.Tests.Abuse;

/// <summary>
/// The traffic of the key-guessing case: a flood of wrong keys for one private room, other clients reading (a public
/// room, and the private room with its right key) and /health probed on both instances while it lasts.
/// </summary>
internal static class KeyFlood
{
    public sealed record Timed(Answer Answer, double Ms);

    public static HttpRequestMessage Read(Guid room, string? key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/room/{room}?limit=5");
        if (key is not null) request.Headers.TryAddWithoutValidation(ProtocolHeaders.RoomKey, key);
        return request;
    }

    public static string Guess() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(18));

    public static async Task<Timed> TimeAsync(HttpClient client, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        var answer = await SendAsync(client, request);
        return new Timed(answer, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    /// <summary><paramref name="guesses"/> wrong keys from one address, <paramref name="inFlight"/> at a time.</summary>
    public static async Task<List<Timed>> GuessAsync(EdgeProcess edge, IPAddress from, Guid room, int guesses, int inFlight)
    {
        using var client = edge.Client(from);
        var answers = new List<Timed>();
        var next = 0;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) <= guesses)
            {
                var answer = await TimeAsync(client, Read(room, Guess()));
                lock (answers) answers.Add(answer);
            }
        }));
        return answers;
    }

    /// <summary>One other client: <paramref name="reads"/> reads, alternating the public room and the private one with its key.</summary>
    public static async Task<List<Timed>> ReadAsync(HttpClient client, Guid publicRoom, Guid privateRoom, string key, int reads)
    {
        var answers = new List<Timed>();
        for (var i = 0; i < reads; i++)
            answers.Add(await TimeAsync(client, i % 2 == 0 ? Read(publicRoom, null) : Read(privateRoom, key)));
        return answers;
    }

    /// <summary>GET /health on every instance every 100 ms until <paramref name="stop"/> is cancelled.</summary>
    public static async Task<List<Timed>> ProbeHealthAsync(IReadOnlyList<ApiProcess> apis, CancellationToken stop)
    {
        var clients = apis.Select(a => a.CreateClient()).ToList();
        var answers = new List<Timed>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                foreach (var client in clients) answers.Add(await TimeAsync(client, new HttpRequestMessage(HttpMethod.Get, "/health")));
                await Task.Delay(100, CancellationToken.None);
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
        return answers;
    }

    /// <summary>Whether any instance's aicq_redis_circuit_open read 1, every 50 ms until <paramref name="stop"/> is cancelled.</summary>
    public static async Task<int> SampleCircuitAsync(IReadOnlyList<ApiProcess> apis, CancellationToken stop)
    {
        var open = 0;
        while (!stop.IsCancellationRequested)
        {
            foreach (var api in apis)
                if (await Aicq.Testing.Telemetry.MetricSeries.SumAsync(api.MetricsUrl + "/metrics", "aicq_redis_circuit_open") > 0) open++;
            await Task.Delay(50, CancellationToken.None);
        }
        return open;
    }

    public static double P99(IEnumerable<Timed> answers) => Percentiles.Rank(answers.Select(a => a.Ms), 0.99);
}
