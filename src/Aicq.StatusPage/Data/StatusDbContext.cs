using Aicq.StatusPage.History;
using Aicq.StatusPage.Incidents;
using Aicq.StatusPage.Maintenance;
using Microsoft.EntityFrameworkCore;

namespace Aicq.StatusPage.Data;

/// <summary>The status page's tables, all in schema <c>status</c> so it can share the API's database safely.</summary>
public sealed class StatusDbContext(DbContextOptions<StatusDbContext> options) : DbContext(options)
{
    public const string Schema = "status";

    /// <summary>Shared by all status page instances while migrating; "AICS" in ASCII, apart from the API's key so neither waits for the other.</summary>
    public const long MigrationLockKey = 0x41494353;

    public DbSet<CheckResult> CheckResults => Set<CheckResult>();
    public DbSet<HourlyRollup> HourlyRollups => Set<HourlyRollup>();
    public DbSet<DailyRollup> DailyRollups => Set<DailyRollup>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentUpdate> IncidentUpdates => Set<IncidentUpdate>();
    public DbSet<MaintenanceWindow> MaintenanceWindows => Set<MaintenanceWindow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        modelBuilder.Entity<CheckResult>(check =>
        {
            check.ToTable("check_results");
            check.HasKey(c => c.Id);
            check.Property(c => c.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            check.Property(c => c.Component).HasColumnName("component").HasMaxLength(32);
            check.Property(c => c.CheckedAt).HasColumnName("checked_at");
            check.Property(c => c.State).HasColumnName("state").HasConversion<short>();
            check.Property(c => c.LatencyMs).HasColumnName("latency_ms");
            // Serves the chart (one component, recent rows) and retention (oldest rows).
            check.HasIndex(c => new { c.Component, c.CheckedAt });
            check.HasIndex(c => c.CheckedAt);
        });
        modelBuilder.Entity<HourlyRollup>(rollup =>
        {
            rollup.ToTable("hourly_rollups");
            rollup.HasKey(r => new { r.Component, r.Hour });
            rollup.Property(r => r.Component).HasColumnName("component").HasMaxLength(32);
            rollup.Property(r => r.Hour).HasColumnName("hour");
            rollup.Property(r => r.Total).HasColumnName("total");
            rollup.Property(r => r.Operational).HasColumnName("operational");
            rollup.Property(r => r.Degraded).HasColumnName("degraded");
            rollup.Property(r => r.Outage).HasColumnName("outage");
            rollup.Property(r => r.Maintenance).HasColumnName("maintenance");
            rollup.Property(r => r.LatencySumMs).HasColumnName("latency_sum_ms");
            rollup.Property(r => r.LatencyCount).HasColumnName("latency_count");
            rollup.Property(r => r.LatencyMaxMs).HasColumnName("latency_max_ms");
            rollup.HasIndex(r => r.Hour);
        });
        modelBuilder.Entity<DailyRollup>(rollup =>
        {
            rollup.ToTable("daily_rollups");
            rollup.HasKey(r => new { r.Component, r.Day });
            rollup.Property(r => r.Component).HasColumnName("component").HasMaxLength(32);
            rollup.Property(r => r.Day).HasColumnName("day");
            rollup.Property(r => r.Checks).HasColumnName("checks");
            rollup.Property(r => r.UpSeconds).HasColumnName("up_seconds");
            rollup.Property(r => r.DownSeconds).HasColumnName("down_seconds");
            rollup.Property(r => r.MaintenanceSeconds).HasColumnName("maintenance_seconds");
            rollup.Property(r => r.LatencySumMs).HasColumnName("latency_sum_ms");
            rollup.Property(r => r.LatencyCount).HasColumnName("latency_count");
            rollup.Property(r => r.LatencyMaxMs).HasColumnName("latency_max_ms");
            rollup.HasIndex(r => r.Day);
        });
        modelBuilder.Entity<Incident>(incident =>
        {
            incident.ToTable("incidents");
            incident.HasKey(i => i.Id);
            incident.Property(i => i.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            incident.Property(i => i.Fingerprint).HasColumnName("fingerprint").HasMaxLength(64);
            incident.Property(i => i.AlertName).HasColumnName("alert_name").HasMaxLength(200);
            incident.Property(i => i.ComponentLabel).HasColumnName("component_label").HasMaxLength(64);
            incident.Property(i => i.Component).HasColumnName("component").HasMaxLength(32);
            incident.Property(i => i.Severity).HasColumnName("severity").HasMaxLength(32);
            incident.Property(i => i.Title).HasColumnName("title").HasMaxLength(300);
            incident.Property(i => i.Description).HasColumnName("description").HasMaxLength(4000);
            incident.Property(i => i.StartedAt).HasColumnName("started_at");
            incident.Property(i => i.ResolvedAt).HasColumnName("resolved_at");
            incident.Property(i => i.CreatedAt).HasColumnName("created_at");
            incident.Property(i => i.Labels).HasColumnName("labels");
            incident.Property(i => i.RunbookUrl).HasColumnName("runbook_url").HasMaxLength(1000);
            incident.Property(i => i.GeneratorUrl).HasColumnName("generator_url").HasMaxLength(1000);
            incident.Property(i => i.RequestIds).HasColumnName("request_ids");
            incident.Ignore(i => i.IsOpen);
            // One incident per firing of an alert: Alertmanager re-sends the same fingerprint and startsAt until it resolves.
            incident.HasIndex(i => new { i.Fingerprint, i.StartedAt }).IsUnique();
            incident.HasIndex(i => i.ResolvedAt);
            incident.HasMany(i => i.Updates).WithOne().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<IncidentUpdate>(update =>
        {
            update.ToTable("incident_updates");
            update.HasKey(u => u.Id);
            update.Property(u => u.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            update.Property(u => u.IncidentId).HasColumnName("incident_id");
            update.Property(u => u.At).HasColumnName("at");
            update.Property(u => u.Kind).HasColumnName("kind").HasMaxLength(16);
            update.Property(u => u.Message).HasColumnName("message").HasMaxLength(2000);
            update.Property(u => u.Author).HasColumnName("author").HasMaxLength(32);
        });
        modelBuilder.Entity<MaintenanceWindow>(window =>
        {
            window.ToTable("maintenance_windows");
            window.HasKey(w => w.Id);
            window.Property(w => w.Id).HasColumnName("id").UseIdentityAlwaysColumn();
            window.Property(w => w.Title).HasColumnName("title").HasMaxLength(200);
            window.Property(w => w.Components).HasColumnName("components");
            window.Property(w => w.StartsAt).HasColumnName("starts_at");
            window.Property(w => w.EndsAt).HasColumnName("ends_at");
            window.Property(w => w.CreatedAt).HasColumnName("created_at");
            window.Property(w => w.CancelledAt).HasColumnName("cancelled_at");
            window.HasIndex(w => w.EndsAt);
        });
    }
}
