using Aicq.Edge.Forwarding;
using Aicq.ServiceDefaults.Http;
using Yarp.ReverseProxy.Transforms;

namespace Aicq.Edge.RateLimiting;

/// <summary>
/// Charges a request that claimed an agent once the API has answered: to that agent if the API proved it
/// (X-AICQ-Authenticated-Agent, which the edge strips), otherwise to the client address.
/// </summary>
internal sealed class DeferredAgentCharge(LimiterStore store)
{
    public async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        // No response (the instance refused or failed): nothing was done, so nothing is charged.
        if (context.ProxyResponse is null) return;
        var proven = context.ProxyResponse.Headers.TryGetValues(ForwardedHeaders.AuthenticatedAgent, out var values)
            ? BudgetPlanner.ParseAgent(values.Count() == 1 ? values.First() : null)
            : null;
        // The edge's request line names the agent the API proved, as the API's does.
        if (proven is not null) RequestFacts.SetAuthenticatedAgent(context.HttpContext, Guid.Parse(proven));
        if (context.HttpContext.Features.Get<RateLimitOutcome>() is not { Plan.Deferred: true } outcome) return;
        outcome.State = await store.ChargeAsync(BudgetPlanner.ChargeAfterResponse(outcome.Plan, proven));
    }
}
