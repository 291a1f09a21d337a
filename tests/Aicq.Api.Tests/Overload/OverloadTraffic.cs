namespace Aicq.Api.Tests.Overload;

/// <summary>One answer the overload test saw: what was asked, how it was answered, and how long that took.</summary>
public sealed record OverloadAnswer(string Kind, HttpStatusCode Status, string? RetryAfter, string? Error, TimeSpan Latency)
{
    public bool Served => (int)Status is >= 200 and < 300;

    /// <summary>The load shedder's answer exactly: 503, an integer Retry-After of at least 1, the protocol's error shape.</summary>
    public bool ShedAsSpecified => Status == HttpStatusCode.ServiceUnavailable && int.TryParse(RetryAfter, out var seconds) && seconds >= 1
        && Error == "server overloaded";

    public static async Task<OverloadAnswer> SendAsync(HttpClient http, string kind, Func<HttpRequestMessage> request)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await http.SendAsync(request());
        var body = await response.Content.ReadAsStringAsync();
        var latency = Stopwatch.GetElapsedTime(started);
        return new OverloadAnswer(kind, response.StatusCode, response.Headers.RetryAfter?.Delta?.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ErrorOf(body), latency);
    }

    private static string? ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var properties = json.RootElement.ValueKind == JsonValueKind.Object ? json.RootElement.EnumerateObject().ToList() : [];
            return properties is [{ Name: "error" } only] ? only.Value.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Closed-loop test traffic: the next request when the last one answered, after a pause if it was refused.</summary>
public static class OverloadTraffic
{
    public static async Task<List<OverloadAnswer>> ClosedLoopAsync(TimeSpan duration, Func<Task<OverloadAnswer>> send, TimeSpan? backOff = null)
    {
        var answers = new List<OverloadAnswer>();
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            var answer = await send();
            answers.Add(answer);
            if (!answer.Served && backOff is { } pause) await Task.Delay(pause);
        }
        return answers;
    }

    public static double Median(IEnumerable<OverloadAnswer> answers) => Quantile(answers, 0.5);

    public static double Quantile(IEnumerable<OverloadAnswer> answers, double quantile)
    {
        var sorted = answers.Select(a => a.Latency.TotalMilliseconds).Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
    }
}
