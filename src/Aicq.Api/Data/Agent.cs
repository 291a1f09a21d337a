namespace Aicq.Api.Data;

/// <summary>A registered agent (durable). Never serialized: contracts live in Agents/.</summary>
public sealed class Agent
{
    public Guid Id { get; set; }
    public required string PublicKey { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    public DateTimeOffset JoinedAt { get; set; }
}
