using Microsoft.AspNetCore.Routing;

namespace Aicq.ServiceDefaults.Http;

/// <summary>Facts about a request that logs and metrics share, computed one way.</summary>
public static class RequestFacts
{
    private const string AgentKey = "aicq.agent";

    /// <summary>The matched route template (never the raw path, so labels and logs stay bounded).</summary>
    public static string RouteOf(HttpContext context) =>
        context.GetEndpoint() is RouteEndpoint endpoint
            ? "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/')
            : "unmatched";

    /// <summary>Records the agent a request proved it is (set only after a valid signature).</summary>
    public static void SetAuthenticatedAgent(HttpContext context, Guid agentId) => context.Items[AgentKey] = agentId.ToString();

    public static string? AgentOf(HttpContext context) => context.Items[AgentKey] as string;
}
