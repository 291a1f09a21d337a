using System.Net;
using Aicq.Edge.ClientAddress;
using Aicq.Edge.Forwarding;

namespace Aicq.Edge.RateLimiting;

/// <summary>What to check before forwarding one request, and what to charge after it if that waits for the API.</summary>
internal sealed record LimitPlan(ProtocolRoute Route, RouteLimit? Limit, LimitCheck Check, bool Deferred);

/// <summary>
/// Turns a route, a client address and a claimed agent into budgets, so that nobody can spend or drain
/// another agent's budget:
/// <list type="bullet">
/// <item>IP routes, and agent routes that claim no agent: the address's budget is checked and charged at once.</item>
/// <item>Agent routes that claim an agent: the claimed agent's budget and the address's are only looked at (refused if
/// either is spent); the charge waits for the response, and goes to the agent the API proved or else to the address.
/// Unsigned junk naming a victim therefore never costs the victim anything.</item>
/// </list>
/// </summary>
internal sealed class BudgetPlanner(RateLimitSettings limits, BlockSettings blocks)
{
    public const string AgentHeader = "X-AICQ-Agent";

    public LimitPlan Plan(ProtocolRoute route, IPAddress client, HttpRequest request)
    {
        var ip = ClientKey.For(client);
        var limit = limits.For(route);
        var exempt = blocks.IsAllowListed(client);
        if (limit is null) return new LimitPlan(route, null, new LimitCheck(ip, exempt, []), Deferred: false);
        var claimed = limit.Scope == LimitScope.Agent ? ClaimedAgent(request) : null;
        if (claimed is null) return new LimitPlan(route, limit, new LimitCheck(ip, exempt, [IpBucket(route, limit, ip, charge: true)]), Deferred: false);
        Bucket[] buckets = [AgentBucket(route, limit, claimed, charge: false), IpBucket(route, limit, ip, charge: false)];
        return new LimitPlan(route, limit, new LimitCheck(ip, exempt, buckets), Deferred: true);
    }

    /// <summary>The budget a deferred request is charged to once the API has answered.</summary>
    public static Bucket ChargeAfterResponse(LimitPlan plan, string? provenAgent) =>
        provenAgent is not null
            ? AgentBucket(plan.Route, plan.Limit!, provenAgent, charge: true)
            : IpBucket(plan.Route, plan.Limit!, plan.Check.Ip, charge: true);

    /// <summary>A well-formed agent UUID (normalised), else null.</summary>
    public static string? ParseAgent(string? value) => Guid.TryParse(value, out var id) ? id.ToString("D") : null;

    private static string? ClaimedAgent(HttpRequest request) =>
        request.Headers[AgentHeader] is { Count: 1 } values ? ParseAgent(values.ToString()) : null;

    private static Bucket IpBucket(ProtocolRoute route, RouteLimit limit, string ip, bool charge) =>
        new($"{route.Id}:ip:{ip}", limit.Limit, limit.Window, charge, "ip");

    private static Bucket AgentBucket(ProtocolRoute route, RouteLimit limit, string agent, bool charge) =>
        new($"{route.Id}:agent:{agent}", limit.Limit, limit.Window, charge, "agent");
}
