using System.Globalization;
using System.Text.RegularExpressions;
using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Maintenance;

/// <summary>
/// The Alertmanager silence a maintenance window stands for: every alert whose <c>component</c> label maps to a
/// component of the window (see <see cref="Incidents.AlertComponents"/>: <c>tls</c> is the edge's, <c>slo</c> the API's),
/// never the Watchdog (silencing it would make alert delivery look broken). The window is named in <c>createdBy</c>,
/// which is how the page finds its own silences again after a restart.
/// </summary>
internal static partial class SilencePlan
{
    public const string Author = "aicq-status";

    /// <summary>The component labels whose alerts map to <paramref name="component"/>.</summary>
    public static IReadOnlyList<string> LabelsOf(string component) => component switch
    {
        Catalog.Edge => [Catalog.Edge, "tls"],
        Catalog.Api => [Catalog.Api, "slo"],
        _ => [component],
    };

    public static IReadOnlyList<SilenceMatcher> MatchersFor(MaintenanceWindow window)
    {
        var component = window.Components.Contains(MaintenanceWindow.Everything)
            ? new SilenceMatcher("component", ".+", IsRegex: true, IsEqual: true)
            : new SilenceMatcher("component", string.Join('|', window.Components.Order(StringComparer.Ordinal).SelectMany(LabelsOf).Distinct()),
                IsRegex: true, IsEqual: true);
        return [component, new SilenceMatcher("alertname", "Watchdog", IsRegex: false, IsEqual: false)];
    }

    public static SilenceRequest RequestFor(MaintenanceWindow window, DateTimeOffset now) => new(
        MatchersFor(window),
        window.StartsAt > now ? window.StartsAt : now,
        window.EndsAt,
        CreatedByOf(window.Id),
        string.Create(CultureInfo.InvariantCulture,
            $"Maintenance window #{window.Id} \"{window.Title}\" on the status page ({string.Join(", ", window.Components)}), {window.StartsAt.UtcDateTime:yyyy-MM-dd HH:mm} to {window.EndsAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC; cancel the window there to lift it."));

    public static string CreatedByOf(int windowId) => $"{Author} maintenance #{windowId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The window a silence was made for, or null when the status page did not make it.</summary>
    public static int? WindowOf(Silence silence) =>
        silence.CreatedBy is { } by && OwnSilence().Match(by) is { Success: true } m && int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var id) ? id : null;

    /// <summary>True when <paramref name="silence"/> is what <paramref name="window"/> needs now (matchers and end alike).</summary>
    public static bool Fits(Silence silence, MaintenanceWindow window) =>
        !silence.IsExpired
        && (silence.Matchers ?? []).ToHashSet().SetEquals(MatchersFor(window))
        && (silence.EndsAt - window.EndsAt).Duration() < TimeSpan.FromSeconds(1);

    /// <summary>What the window silences, in amtool's words, for the page.</summary>
    public static string Describe(MaintenanceWindow window) => string.Join(", ", MatchersFor(window));

    [GeneratedRegex(@"^aicq-status maintenance #(\d{1,9})$")]
    private static partial Regex OwnSilence();
}
