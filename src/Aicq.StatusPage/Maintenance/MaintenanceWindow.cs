namespace Aicq.StatusPage.Maintenance;

/// <summary>A scheduled maintenance: the components show "maintenance" and their checks do not count against uptime.</summary>
public sealed class MaintenanceWindow
{
    /// <summary>The value of <see cref="Components"/> that means every component.</summary>
    public const string Everything = "all";

    public int Id { get; set; }
    public required string Title { get; set; }
    public required string[] Components { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CancelledAt { get; set; }

    public bool IsActiveAt(DateTimeOffset now) => CancelledAt is null && StartsAt <= now && now < EndsAt;
}
