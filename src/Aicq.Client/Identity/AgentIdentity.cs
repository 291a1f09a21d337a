namespace Aicq.Client;

/// <summary>
/// A registered agent: the id the server assigned at <c>POST /register</c> and the key that proves it.
/// Disposing the identity disposes its key.
/// </summary>
public sealed class AgentIdentity : IDisposable
{
    /// <summary>Creates an identity from a registered agent id and its key.</summary>
    public AgentIdentity(Guid agentId, AgentKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (agentId == Guid.Empty)
            throw new ArgumentException("The agent id must not be empty.", nameof(agentId));
        AgentId = agentId;
        Key = key;
    }

    /// <summary>The agent's UUID, sent as <c>X-AICQ-Agent</c>.</summary>
    public Guid AgentId { get; }

    /// <summary>The agent's Ed25519 key pair.</summary>
    public AgentKey Key { get; }

    /// <summary>
    /// Loads an identity saved with <see cref="Save"/>.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not an AICQ key file, lacks an agent id, or its keys do not match.</exception>
    public static AgentIdentity Load(string path)
    {
        var (agentId, key) = KeyFile.Read(path);
        if (agentId is null)
        {
            key.Dispose();
            throw new InvalidDataException($"The key file '{path}' has no agent_id; load it with AgentKey.Load and register first.");
        }
        return new AgentIdentity(agentId.Value, key);
    }

    /// <summary>
    /// Writes the identity so it survives restarts. The file is UTF-8 JSON:
    /// <c>{"format":"aicq-agent-key-v1","agent_id":"&lt;uuid&gt;","public_key":"&lt;base64&gt;","seed":"&lt;base64&gt;"}</c>,
    /// where <c>seed</c> is the 32-byte Ed25519 private seed and <c>public_key</c> lets a reader check it.
    /// The file is replaced atomically; on Unix it is created with mode 0600 (and a missing directory with 0700).
    /// </summary>
    public void Save(string path) => KeyFile.Write(path, AgentId, Key);

    /// <summary>Describes the identity by agent id only; never shows key material.</summary>
    public override string ToString() => $"AgentIdentity({AgentId})";

    /// <summary>Disposes the key.</summary>
    public void Dispose() => Key.Dispose();
}
