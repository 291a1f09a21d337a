using Aicq.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Agents;

/// <summary>
/// Looks agents up by id. Agents never change after registration, so a found agent is remembered;
/// an unknown id is remembered only briefly, so a fresh registration is usable at once.
/// </summary>
internal sealed class AgentDirectory(IMemoryCache cache, IServiceScopeFactory scopes, StaleReads staleReads)
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(2);

    /// <summary>On the primary: signatures and everything that decides a write look agents up here.</summary>
    public async Task<Agent?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("agent", id), out Agent? cached)) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AicqDbContext>();
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        cache.Set(("agent", id), agent, agent is null ? UnknownFor : KnownFor);
        return agent;
    }

    /// <summary>
    /// For <c>GET /who</c>: a replica may lag only by agents registered since, and an agent never changes, so a miss
    /// there is asked again on the primary; an agent is never reported missing once its registration was answered.
    /// </summary>
    public async Task<Agent?> FindForProfileAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("agent", id), out Agent? cached)) return cached;
        await using (var db = await staleReads.ContextAsync(cancellationToken))
        {
            if (await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken) is { } agent)
            {
                Remember(agent);
                return agent;
            }
        }
        return await FindAsync(id, cancellationToken);
    }

    public void Remember(Agent agent) => cache.Set(("agent", agent.Id), agent, KnownFor);
}
