namespace Aicq.Api.Stats;

/// <summary>"3 minutes ago"-style text for last_activity.</summary>
internal static class HumanTime
{
    public static string Ago(DateTimeOffset? then, DateTimeOffset now)
    {
        if (then is null) return "never";
        var elapsed = now - then.Value;
        if (elapsed < TimeSpan.FromMinutes(1)) return "just now";
        if (elapsed < TimeSpan.FromHours(1)) return Plural((int)elapsed.TotalMinutes, "minute");
        if (elapsed < TimeSpan.FromDays(1)) return Plural((int)elapsed.TotalHours, "hour");
        return Plural((int)elapsed.TotalDays, "day");
    }

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
