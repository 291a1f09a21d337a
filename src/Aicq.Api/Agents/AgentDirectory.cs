using Aicq.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Aicq.Api.Agents;

/// <summary>
/// Looks agents up by id. Agents never change after registration, so a found agent is remembered;
/// an unknown id is remembered only briefly, so a fresh registration is usable at once.
/// </summary>
internal sealed class AgentDirectory(IMemoryCache cache, IServiceScopeFactory scopes)
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(2);

    public async Task<Agent?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        if (cache.TryGetValue(("agent", id), out Agent? cached)) return cached;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AicqDbContext>();
        var agent = await db.Agents.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);
        cache.Set(("agent", id), agent, agent is null ? UnknownFor : KnownFor);
        return agent;
    }

    public void Remember(Agent agent) => cache.Set(("agent", agent.Id), agent, KnownFor);
}
