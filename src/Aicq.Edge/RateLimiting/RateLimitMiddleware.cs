using Aicq.Edge.ClientAddress;
using Aicq.Edge.Hardening;
using Aicq.Edge.Telemetry;
using Aicq.Protocol;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.RateLimiting;

/// <summary>The budget decision for a forwarded request, and its state for the response headers.</summary>
internal sealed class RateLimitOutcome(LimitPlan plan, BucketState state)
{
    public LimitPlan Plan { get; } = plan;
    public BucketState State { get; set; } = state;
    public bool Settled { get; set; }
}

/// <summary>
/// Refuses blocked addresses (403) and spent budgets (429) before a request reaches the API, claiming its budget in the
/// same atomic step (one Redis round trip); a refusal is a violation, and enough of them within the window block the
/// address (allow-listed ones excepted). A request that reserved a claimed agent's budget is settled after it.
/// </summary>
internal sealed partial class RateLimitMiddleware(
    RequestDelegate next, BudgetPlanner planner, LimiterStore store, AgentSettlement settlement, RateLimitSettings settings, BlockSettings blocks,
    TimeProvider time, ILogger<RateLimitMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!settings.Enabled)
        {
            await next(context);
            return;
        }
        var route = ProtocolRoutes.Find(context.GetRouteModel().Config.RouteId);
        var client = context.Features.GetRequiredFeature<ClientAddressFeature>().Client;
        var plan = planner.Plan(route, client, context.Request);
        var result = await store.CheckAsync(plan.Check);
        if (result.Verdict == Verdict.Blocked)
        {
            EdgeMetrics.BlockedRequests.WithLabels("ip_blocked").Inc();
            await EdgeError.WriteAsync(context, StatusCodes.Status403Forbidden, "temporarily blocked");
            return;
        }
        if (result.Verdict == Verdict.Limited)
        {
            var scope = plan.Check.Buckets[result.LimitedIndex].Scope;
            EdgeMetrics.RateLimitHits.WithLabels(route.Label, scope).Inc();
            LogLimited(logger, route.Label, scope, plan.Check.Ip);
            if (result.BlockedNow) LogBlocked(logger, plan.Check.Ip, blocks.Duration.TotalSeconds);
            RateLimitHeaders.Write(context.Response, result.States[0], time, refused: true);
            await EdgeError.WriteAsync(context, StatusCodes.Status429TooManyRequests, "rate limit exceeded");
            return;
        }
        if (plan.Limit is null)
        {
            await next(context);
            return;
        }
        var outcome = new RateLimitOutcome(plan, result.States[0]);
        context.Features.Set(outcome);
        // Written as the headers go out: after the API's answer is copied and a reservation settled.
        context.Response.OnStarting(() =>
        {
            RateLimitHeaders.Write(context.Response, outcome.State, time, refused: false);
            return Task.CompletedTask;
        });
        if (plan.Reservation is null)
        {
            await next(context);
            return;
        }
        // The request is whole (BodyLimitMiddleware read it) and its budget claimed: from here the API's answer decides
        // who pays. A client that hangs up must not cancel the forward, or a request the API acted on would go
        // unsettled; the upstream timeout still bounds it.
        var clientAborted = context.RequestAborted;
        context.RequestAborted = CancellationToken.None;
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestAborted = clientAborted;
            // No answer came (the settlement transform never ran): nothing proved the agent.
            await settlement.SettleAsync(outcome, provenAgent: null);
        }
    }

    [LoggerMessage(EventName = "rate_limit_exceeded", Level = LogLevel.Warning, Message = "Rate limit exceeded on {route} ({scope} budget) by {ip}")]
    private static partial void LogLimited(ILogger logger, string route, string scope, string ip);

    [LoggerMessage(EventName = "ip_blocked", Level = LogLevel.Warning, Message = "Blocked {ip} for {duration_seconds} s after repeated rate-limit violations")]
    private static partial void LogBlocked(ILogger logger, string ip, double duration_seconds);
}
