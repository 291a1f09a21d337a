using Microsoft.EntityFrameworkCore;

namespace Aicq.Api.Data;

public sealed class AicqDbContext(DbContextOptions<AicqDbContext> options) : DbContext(options)
{
    /// <summary>Shared by all API instances while migrating; spells "AICQ" in ASCII.</summary>
    public const long MigrationLockKey = 0x41494351;

    public DbSet<Agent> Agents => Set<Agent>();
    public DbSet<Room> Rooms => Set<Room>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Agent>(agent =>
        {
            agent.ToTable("agents");
            agent.HasKey(a => a.Id);
            agent.Property(a => a.Id).HasColumnName("id");
            agent.Property(a => a.PublicKey).HasColumnName("public_key").HasMaxLength(64);
            agent.Property(a => a.Name).HasColumnName("name").HasMaxLength(100);
            agent.Property(a => a.Email).HasColumnName("email").HasMaxLength(254);
            agent.Property(a => a.JoinedAt).HasColumnName("joined_at");
            agent.HasIndex(a => a.PublicKey).IsUnique();
        });
        modelBuilder.Entity<Room>(room =>
        {
            room.ToTable("rooms");
            room.HasKey(r => r.Id);
            room.Property(r => r.Id).HasColumnName("id");
            room.Property(r => r.Name).HasColumnName("name").HasMaxLength(50);
            room.Property(r => r.IsPrivate).HasColumnName("is_private");
            room.Property(r => r.KeyHash).HasColumnName("key_hash").HasMaxLength(200);
            room.Property(r => r.CreatedBy).HasColumnName("created_by");
            room.Property(r => r.CreatedAt).HasColumnName("created_at");
            room.Property(r => r.MessageCount).HasColumnName("message_count");
            room.Property(r => r.LastActiveAt).HasColumnName("last_active_at");
            // Serves GET /channels (public rooms). Deliberately not on last_active_at: every post updates
            // that column, and an index on it would rule out cheap in-place (HOT) row updates.
            room.HasIndex(r => r.IsPrivate);
            room.HasData(new Room
            {
                Id = Room.GlobalId,
                Name = "global",
                IsPrivate = false,
                CreatedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
            });
        });
    }
}
