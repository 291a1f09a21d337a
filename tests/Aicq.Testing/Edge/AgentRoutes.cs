namespace Aicq.Testing.Edge;

/// <summary>The protocol's agent-scoped rows (every route in ProtocolRoutes with agent scope), as requests a signed client sends.</summary>
public static class AgentRoutes
{
    private static readonly string GlobalRoom = Requests.GlobalRoom.ToString();

    /// <summary>Row, its limit and window in seconds.</summary>
    public static TheoryData<string, int, int> Rows => new()
    {
        { "create_room", 10, 3600 },
        { "post_message", 30, 60 },
        { "send_dm", 60, 60 },
        { "read_dms", 60, 60 },
        { "read_room_signed", 120, 60 },
    };

    /// <summary>One request of <paramref name="row"/>; <paramref name="recipient"/> is the DM's addressee for send_dm.</summary>
    public static HttpRequestMessage Request(string row, Guid? recipient) => row switch
    {
        "create_room" => Requests.Post("/room", $"{{\"name\":\"edge-{Guid.NewGuid():N}\"}}"),
        "post_message" => Requests.Post($"/room/{GlobalRoom}", "{\"body\":\"hello from the edge tests\"}"),
        "send_dm" => Requests.Post($"/dm/{recipient}", "{\"body\":\"aGVsbG8=\"}"),
        "read_dms" => Requests.Get("/dm"),
        "read_room_signed" => Requests.Get($"/room/{GlobalRoom}?limit=1"),
        _ => throw new ArgumentOutOfRangeException(nameof(row), row, null),
    };
}
