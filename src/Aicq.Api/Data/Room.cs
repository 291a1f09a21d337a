namespace Aicq.Api.Data;

/// <summary>A room (durable). Messages live in Redis; the counters here survive their 24 h retention.</summary>
public sealed class Room
{
    public static readonly Guid GlobalId = new("00000000-0000-0000-0000-000000000001");

    public Guid Id { get; set; }
    public required string Name { get; set; }
    public bool IsPrivate { get; set; }
    /// <summary>Slow salted hash of the room key; never the key itself.</summary>
    public string? KeyHash { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public long MessageCount { get; set; }
    public DateTimeOffset? LastActiveAt { get; set; }
}
