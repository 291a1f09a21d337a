using Aicq.StatusPage.State;

namespace Aicq.StatusPage.Incidents;

/// <summary>
/// Maps an alert's <c>component</c> label to the component whose incident it is. The page's own keys map to
/// themselves; <c>tls</c> is the edge's certificate; <c>slo</c> is the public API's availability; <c>logs</c> (a service
/// dropping log lines it cannot ship) is the platform's, not Loki's: Loki's own health is what its component shows, and
/// the lines are lost on the services' side; anything else (<c>host</c>, <c>status</c>, new labels) is an incident of
/// the whole platform.
/// </summary>
internal static class AlertComponents
{
    public static string Map(string label) => label.Trim().ToLowerInvariant() switch
    {
        "tls" => Catalog.Edge,
        "slo" => Catalog.Api,
        "logs" => Catalog.Platform,
        var key when Catalog.Find(key) is not null => key,
        _ => Catalog.Platform,
    };
}
