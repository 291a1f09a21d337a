using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Aicq.Client;

namespace Aicq.StatusPage.Canary;

/// <summary>The canary's rooms; the private room's key is stored because the server keeps only its hash.</summary>
internal sealed record CanaryRooms(
    [property: JsonPropertyName("agent_id")] Guid AgentId,
    [property: JsonPropertyName("private_room_id")] Guid PrivateRoomId,
    [property: JsonPropertyName("private_room_key")] string PrivateRoomKey,
    [property: JsonPropertyName("public_room_id")] Guid PublicRoomId)
{
    public static string NewRoomKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_');
}

/// <summary>
/// What the canary keeps across restarts in STATUS_CANARY_STATE_DIR: its identity (<c>canary-agent.json</c>, the
/// client library's key file format, mode 0600) and its rooms (<c>canary-rooms.json</c>, mode 0600).
/// </summary>
internal sealed class CanaryState(string directory)
{
    private string IdentityPath { get; } = Path.Combine(directory, "canary-agent.json");
    private string RoomsPath { get; } = Path.Combine(directory, "canary-rooms.json");

    /// <summary>The saved key, or a new one when there is none yet.</summary>
    public AgentKey LoadOrCreateKey() => File.Exists(IdentityPath) ? AgentKey.Load(IdentityPath) : AgentKey.Generate();

    /// <summary>The saved, registered identity, if there is one.</summary>
    public AgentIdentity? LoadIdentity() => File.Exists(IdentityPath) ? AgentIdentity.Load(IdentityPath) : null;

    public void Save(AgentIdentity identity) => identity.Save(IdentityPath);

    public CanaryRooms? LoadRooms(Guid agentId)
    {
        if (!File.Exists(RoomsPath)) return null;
        try
        {
            var rooms = JsonSerializer.Deserialize<CanaryRooms>(File.ReadAllBytes(RoomsPath));
            return rooms?.AgentId == agentId ? rooms : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public void SaveRooms(CanaryRooms rooms)
    {
        Directory.CreateDirectory(directory);
        var temporary = RoomsPath + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        // The file holds the private room's key: readable by its owner only, from the moment it exists.
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var file = new FileStream(temporary, options))
            JsonSerializer.Serialize(file, rooms);
        File.Move(temporary, RoomsPath, overwrite: true);
    }

    public void ForgetRooms() => File.Delete(RoomsPath);
}
