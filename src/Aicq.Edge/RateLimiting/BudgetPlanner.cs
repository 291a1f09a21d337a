using System.Net;
using Aicq.Edge.ClientAddress;
using Aicq.Protocol;

namespace Aicq.Edge.RateLimiting;

/// <summary>What to check and claim before forwarding one request; <see cref="Reservation"/> is the agent budget claimed on trust.</summary>
internal sealed record LimitPlan(ProtocolRoute Route, RouteLimit? Limit, LimitCheck Check, Bucket? Reservation);

/// <summary>
/// Turns a route, a client address and a claimed agent into budgets, so that no burst gets past a limit and nobody
/// can spend another agent's budget for good:
/// <list type="bullet">
/// <item>IP routes, and agent routes that claim no agent: the address's budget is checked and charged at once.</item>
/// <item>Agent routes that claim an agent: in the same atomic step the address's budget is looked at and the claimed
/// agent's is charged (reserved). The API's answer settles it (<see cref="Payer"/>): a proven agent's reservation
/// stands; anything else moves it to the address, so unsigned junk naming a victim ends up costing the junk's address.</item>
/// </list>
/// </summary>
internal sealed class BudgetPlanner(RateLimitSettings limits, BlockSettings blocks)
{
    public LimitPlan Plan(ProtocolRoute route, IPAddress client, HttpRequest request)
    {
        var ip = ClientKey.For(client);
        var limit = limits.For(route);
        var exempt = blocks.IsAllowListed(client);
        if (limit is null) return new LimitPlan(route, null, new LimitCheck(ip, exempt, []), Reservation: null);
        var claimed = limit.Scope == LimitScope.Agent ? ClaimedAgent(request) : null;
        if (claimed is null) return new LimitPlan(route, limit, new LimitCheck(ip, exempt, [IpBucket(route, limit, ip, charge: true)]), Reservation: null);
        var reservation = AgentBucket(route, limit, claimed, charge: true);
        return new LimitPlan(route, limit, new LimitCheck(ip, exempt, [reservation, IpBucket(route, limit, ip, charge: false)]), reservation);
    }

    /// <summary>
    /// Where a reservation goes once the API has answered (or failed to): null when it stands (the API proved the
    /// agent that was reserved), else the budget that pays instead: the agent the API did prove, or the address.
    /// </summary>
    public static Bucket? Payer(LimitPlan plan, string? provenAgent)
    {
        var reservation = plan.Reservation!;
        if (provenAgent is null) return IpBucket(plan.Route, plan.Limit!, plan.Check.Ip, charge: true);
        var proven = AgentBucket(plan.Route, plan.Limit!, provenAgent, charge: true);
        return proven.Key == reservation.Key ? null : proven;
    }

    /// <summary>A well-formed agent UUID (normalised), else null.</summary>
    public static string? ParseAgent(string? value) => Guid.TryParse(value, out var id) ? id.ToString("D") : null;

    private static string? ClaimedAgent(HttpRequest request) =>
        request.Headers[ProtocolHeaders.Agent] is { Count: 1 } values ? ParseAgent(values.ToString()) : null;

    // The braces are Redis Cluster hash tags: an address's budgets share its slot with its block and violations,
    // an agent's budgets share the agent's (RedisLimiterBackend).
    private static Bucket IpBucket(ProtocolRoute route, RouteLimit limit, string ip, bool charge) =>
        new($"{route.Id}:ip:{{{ip}}}", limit.Limit, limit.Window, charge, "ip");

    private static Bucket AgentBucket(ProtocolRoute route, RouteLimit limit, string agent, bool charge) =>
        new($"{route.Id}:agent:{{{agent}}}", limit.Limit, limit.Window, charge, "agent");
}
