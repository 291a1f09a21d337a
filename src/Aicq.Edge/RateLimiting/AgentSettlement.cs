using Aicq.Protocol;
using Aicq.ServiceDefaults.Http;
using Yarp.ReverseProxy.Transforms;

namespace Aicq.Edge.RateLimiting;

/// <summary>
/// Settles a claimed agent's reservation once: as the API's answer arrives (a response transform, so the rate-limit
/// headers show who paid), or, when no answer came, after the forward. The API proves an agent with
/// X-AICQ-Authenticated-Agent, which the edge strips. A proven reservation stands at no cost; the rest move to the
/// address. Nothing here waits on the client's connection: a request that reached the API is settled even if its
/// client has gone.
/// </summary>
internal sealed class AgentSettlement(LimiterStore store)
{
    public async ValueTask ApplyAsync(ResponseTransformContext context)
    {
        // No response (the instance refused or failed): settled after the forward, by RateLimitMiddleware.
        if (context.ProxyResponse is null) return;
        var proven = context.ProxyResponse.Headers.TryGetValues(ProtocolHeaders.AuthenticatedAgent, out var values)
            ? BudgetPlanner.ParseAgent(values.Count() == 1 ? values.First() : null)
            : null;
        // The edge's request line names the agent the API proved, as the API's does.
        if (proven is not null) RequestFacts.SetAuthenticatedAgent(context.HttpContext, Guid.Parse(proven));
        if (context.HttpContext.Features.Get<RateLimitOutcome>() is { } outcome) await SettleAsync(outcome, proven);
    }

    /// <summary>Settles <paramref name="outcome"/>'s reservation, if it has one not yet settled.</summary>
    public async Task SettleAsync(RateLimitOutcome outcome, string? provenAgent)
    {
        if (outcome.Plan.Reservation is not { } reservation || outcome.Settled) return;
        outcome.Settled = true;
        if (BudgetPlanner.Payer(outcome.Plan, provenAgent) is not { } payer) return;
        outcome.State = await store.MoveAsync(reservation, payer, outcome.Plan.Check.Member);
    }
}
