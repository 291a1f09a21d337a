using Aicq.StatusPage.Data;
using Microsoft.EntityFrameworkCore;

namespace Aicq.StatusPage.Maintenance;

/// <summary>Scheduled maintenance windows: what operators plan, cancel, and what the page shows as current or upcoming.</summary>
internal sealed class MaintenanceStore(IDbContextFactory<StatusDbContext> contexts, TimeProvider clock)
{
    public async Task<MaintenanceWindow> ScheduleAsync(string title, string[] components, DateTimeOffset startsAt, DateTimeOffset endsAt, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var window = new MaintenanceWindow
        {
            Title = title,
            Components = components,
            StartsAt = startsAt,
            EndsAt = endsAt,
            CreatedAt = clock.GetUtcNow(),
        };
        db.MaintenanceWindows.Add(window);
        await db.SaveChangesAsync(cancellationToken);
        return window;
    }

    /// <summary>Cancels a window (ending it now if it is running); false when there is no such window.</summary>
    public async Task<bool> CancelAsync(int id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var window = await db.MaintenanceWindows.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (window is null) return false;
        window.CancelledAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Windows not cancelled that have not ended yet (running or upcoming), soonest first.</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ReadCurrentAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.MaintenanceWindows.AsNoTracking()
            .Where(w => w.CancelledAt == null && w.EndsAt > now)
            .OrderBy(w => w.StartsAt).Take(50)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Every window, including cancelled and past ones, newest first (for operators).</summary>
    public async Task<IReadOnlyList<MaintenanceWindow>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.MaintenanceWindows.AsNoTracking().OrderByDescending(w => w.StartsAt).Take(200).ToListAsync(cancellationToken);
    }
}
