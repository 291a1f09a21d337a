using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Canary;

/// <summary>The synthetic agent's steps. The names are metric labels and alert text: keep them stable.</summary>
public static class CanarySteps
{
    public const string Post = "post";
    public const string Read = "read";
    public const string DmSend = "dm_send";
    public const string DmRead = "dm_read";
    public const string Search = "search";

    public static readonly IReadOnlyList<string> All = [Post, Read, DmSend, DmRead, Search];

    public static string Title(string step) => step switch
    {
        Post => "Post to its private room",
        Read => "Read the room back",
        DmSend => "Send itself an encrypted DM",
        DmRead => "Read and decrypt the DM",
        Search => "Find a public message by search",
        _ => step,
    };
}

/// <summary>
/// One step's outcome; <see cref="Reason"/> is public-safe text from a fixed vocabulary; <see cref="RequestIds"/> the
/// X-Request-ID of each call it made (operators only).
/// </summary>
public sealed record StepResult(string Step, bool Succeeded, double DurationMs, string? Reason, IReadOnlyList<string>? RequestIds = null);

/// <summary>One run of every step.</summary>
public sealed record CanaryRun(DateTimeOffset At, IReadOnlyList<StepResult> Steps)
{
    /// <summary>Every step, all failed for one reason (the agent could not even start); the first carries the setup's request ids.</summary>
    public static CanaryRun AllFailed(DateTimeOffset at, string reason, IReadOnlyList<string>? requestIds = null) =>
        new(at, CanarySteps.All.Select((s, i) => new StepResult(s, false, 0, reason, i == 0 ? requestIds : null)).ToList());

    public ComponentStatus ToStatus()
    {
        var parts = Steps.Select(s => new CheckPart(CanarySteps.Title(s.Step),
            s.Succeeded ? ComponentState.Operational : ComponentState.Outage, s.Reason, s.DurationMs)).ToList();
        var failed = Steps.Where(s => !s.Succeeded).ToList();
        var total = Steps.Sum(s => s.DurationMs);
        if (failed.Count == 0) return new(Catalog.Canary, ComponentState.Operational, null, total, At, parts);
        if (failed.Count == Steps.Count)
        {
            var reasons = failed.Select(s => s.Reason).Distinct().ToList();
            return new(Catalog.Canary, ComponentState.Outage,
                reasons.Count == 1 ? $"every step failing: {reasons[0]}" : "every step failing", null, At, parts);
        }
        return new(Catalog.Canary, ComponentState.Degraded,
            $"failing: {string.Join(", ", failed.Select(s => $"{s.Step} ({s.Reason})"))}", total, At, parts);
    }
}
