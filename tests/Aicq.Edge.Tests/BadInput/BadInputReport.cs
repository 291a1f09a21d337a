using System.Globalization;
using System.Reflection;
using Aicq.Testing.Reliability;
using Xunit.Sdk;

namespace Aicq.Edge.Tests.BadInput;

/// <summary>
/// Writes the bad-input suite into the reliability document: one row per test method (a theory's cases together),
/// with how many cases ran and passed, the statuses the edge answered while they ran (from its own
/// <c>aicq_edge_requests_total</c>, so the refusals Kestrel makes before any middleware are not among them) and its
/// 5xx. A case counts as passed only when it reached its last line (<see cref="Passed"/>); the suite's collection
/// runs one test at a time, so the edge's counts between two tests belong to the test between them.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed partial class BadInputReport : BeforeAfterTestAttribute
{
    private static readonly Dictionary<string, Group> Groups = [];
    private static string? _current;
    private static EdgeProcess? _edge;
    private static Dictionary<string, double> _before = [];

    private sealed class Group
    {
        public int Started;
        public int Passed;
        public Dictionary<string, double> Statuses { get; } = [];
    }

    public override void Before(MethodInfo methodUnderTest)
    {
        _current = methodUnderTest.Name;
        if (!Groups.TryGetValue(_current, out var group)) Groups[_current] = group = new Group();
        group.Started++;
    }

    /// <summary>Called as the test class is made (xunit makes it just before <see cref="Before"/>): the edge the case talks to.</summary>
    public static bool Watch(EdgeProcess edge)
    {
        _edge = edge;
        _before = StatusesAsync(edge).GetAwaiter().GetResult();
        return true;
    }

    /// <summary>The last line of every bad-input test: it got through all its assertions.</summary>
    public static void Passed()
    {
        if (_current is not null) Groups[_current].Passed++;
    }

    public override void After(MethodInfo methodUnderTest)
    {
        var group = Groups[methodUnderTest.Name];
        if (_edge is not null)
        {
            foreach (var (status, count) in StatusesAsync(_edge).GetAwaiter().GetResult())
                group.Statuses[status] = group.Statuses.GetValueOrDefault(status) + count - _before.GetValueOrDefault(status);
        }
        var seen = string.Join(", ", group.Statuses.Where(s => s.Value > 0).OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value:0}"));
        var fiveHundreds = group.Statuses.Where(s => s.Key.StartsWith('5')).Sum(s => s.Value);
        var (subject, expectation) = Describe(methodUnderTest.Name);
        var measured = string.Create(CultureInfo.InvariantCulture,
            $"{group.Started} case(s), {group.Passed} passed; the edge answered {(seen.Length > 0 ? seen : "nothing it counts")}; {fiveHundreds:0} × 5xx");
        ReliabilityReport.RecordAsync(ReliabilitySuite.BadInput, $"{methodUnderTest.DeclaringType?.Name}: {subject}", expectation, measured,
            group.Passed == group.Started && fiveHundreds == 0).GetAwaiter().GetResult();
        _current = null;
    }

    /// <summary><c>Post_WithBodyOfSize_ReturnsTheRight4xx</c> → ("Post with body of size", "returns the right 4xx").</summary>
    private static (string Subject, string Expectation) Describe(string method)
    {
        var parts = method.Split('_').Select(Words).ToList();
        var subject = string.Join(", ", parts.Take(Math.Max(1, parts.Count - 1)));
        return (char.ToUpperInvariant(subject[0]) + subject[1..], parts.Count > 1 ? parts[^1] : "as asserted");
    }

    /// <summary>"With10KBQuery" → "with 10 KB query": words lower-cased, acronyms and numbers kept.</summary>
    private static string Words(string name) => string.Join(' ', Token().Matches(name).Select(m => m.Value.Length > 1 && m.Value.All(char.IsUpper) ? m.Value : m.Value.ToLowerInvariant()));

    private static async Task<Dictionary<string, double>> StatusesAsync(EdgeProcess edge)
    {
        using var client = edge.Internal();
        var text = await client.GetStringAsync("/metrics");
        var statuses = new Dictionary<string, double>();
        // The scrapes themselves are answers too (on the internal port): only the protocol's routes count.
        foreach (Match match in Series().Matches(text))
            if (!match.Groups["labels"].Value.Contains("metrics", StringComparison.Ordinal)) statuses[match.Groups["status"].Value] = statuses.GetValueOrDefault(match.Groups["status"].Value) + double.Parse(match.Groups["value"].Value, CultureInfo.InvariantCulture);
        return statuses;
    }

    [GeneratedRegex(@"[0-9]+[a-z]*|[A-Z]+(?![a-z])|[A-Z][a-z]*|[a-z]+")]
    private static partial Regex Token();

    // Route labels hold templates such as "POST /room/{id}", so the label set is taken to the last brace of the line.
    [GeneratedRegex(@"^aicq_edge_requests_total\{(?<labels>.*status=""(?<status>\d+)"".*)\} (?<value>[0-9.eE+]+)\r?$", RegexOptions.Multiline)]
    private static partial Regex Series();
}
