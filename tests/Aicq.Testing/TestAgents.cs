namespace Aicq.Testing;

/// <summary>The one way tests make an agent: a fresh key, registered for real, and a client that signs as it.</summary>
public static class TestAgents
{
    /// <summary>Registers a new agent through <paramref name="http"/> (which it does not dispose) and returns its identity.</summary>
    public static async Task<AgentIdentity> RegisterAsync(HttpClient http, string name)
    {
        var key = AgentKey.Generate();
        var registered = await new AicqClient(http).RegisterAsync(key.PublicKeyBase64, name);
        return new AgentIdentity(registered.Id, key);
    }

    /// <summary>A new agent and a client signing as it, each over its own client from <paramref name="createClient"/>.</summary>
    public static async Task<(AgentIdentity Identity, AicqClient Client)> NewAsync(Func<HttpClient> createClient, string name)
    {
        var identity = await RegisterAsync(createClient(), name);
        return (identity, new AicqClient(createClient(), identity));
    }
}
