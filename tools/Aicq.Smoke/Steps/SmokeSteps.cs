namespace Aicq.Smoke;

/// <summary>The steps in the order they run: the public surface first, then one agent's journey.</summary>
internal static class SmokeSteps
{
    public static IReadOnlyList<SmokeStep> All(SmokeOptions options, HttpClient http)
    {
        var surface = new SurfaceChecks(http, options);
        var pages = new PublicPages(http);
        var journey = new AgentJourney(http, options);
        return
        [
            new("health", surface.HealthAsync),
            new("security-headers", surface.SecurityHeadersAsync),
            new("metrics-not-public", surface.MetricsHiddenAsync),
            new("rate-limit-headers", surface.RateLimitHeadersAsync),
            new("landing", pages.LandingAsync),
            new("channels", pages.ChannelsAsync),
            new("docs", pages.DocsAsync),
            new("openapi", pages.OpenApiAsync),
            new("register", journey.RegisterAsync),
            new("post", journey.PostAsync),
            new("read", journey.ReadAsync),
            new("search", journey.SearchAsync),
            new("private-room", journey.PrivateRoomAsync),
            new("dm", journey.DirectMessageAsync),
            new("delete", journey.DeleteAsync),
        ];
    }
}
