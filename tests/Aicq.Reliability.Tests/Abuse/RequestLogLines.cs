namespace Aicq.Reliability.Tests.Abuse;

/// <summary>The per-request log lines (<c>http_request</c>, JSON) of a running service: which client address it logged for which user agent.</summary>
public static class RequestLogLines
{
    public sealed record Line(string Ip, string UserAgent, int Status);

    public static IReadOnlyList<Line> Of(ServiceProcess process)
    {
        var lines = new List<Line>();
        foreach (var text in process.Output)
        {
            if (!text.StartsWith('{') || !text.Contains("\"http_request\"", StringComparison.Ordinal)) continue;
            using var json = JsonDocument.Parse(text);
            var root = json.RootElement;
            if (root.TryGetProperty("ip", out var ip) && root.TryGetProperty("user_agent", out var ua) && root.TryGetProperty("status", out var status))
                lines.Add(new Line(ip.GetString() ?? "", ua.GetString() ?? "", status.GetInt32()));
        }
        return lines;
    }

    /// <summary>Waits (≤ 5 s: logging is asynchronous) until <paramref name="processes"/> logged at least <paramref name="count"/> lines matching.</summary>
    public static async Task<IReadOnlyList<Line>> WaitForAsync(IEnumerable<ServiceProcess> processes, Func<Line, bool> match, int count)
    {
        var all = processes.ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (true)
        {
            var found = all.SelectMany(Of).Where(match).ToList();
            if (found.Count >= count || DateTime.UtcNow > deadline) return found;
            await Task.Delay(100);
        }
    }
}
