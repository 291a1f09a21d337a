using Types = Aicq.Testing.Contract.PublishedClientTypes;

namespace Aicq.Testing.Contract;

/// <summary>
/// One published client of eldtechnologies/aicq and what it decodes: for each answer (named by the Go client's type
/// of it, which every journey step carries) the fields this client reads and the JSON type it needs there. An
/// answer a client never reads, or only prints whole (<c>jq .</c>, <c>json.dumps</c>), has no entry.
/// </summary>
public sealed record PublishedClient(string Name, string Source, IReadOnlyDictionary<GoType, GoType> Reads)
{
    /// <summary>The type this client decodes an answer of the Go type <paramref name="goType"/> into; null when it reads none of it.</summary>
    public GoType? For(GoType goType) => Reads.GetValueOrDefault(goType);
}

/// <summary>The four published clients, from their sources (paths in eldtechnologies/aicq).</summary>
public static class PublishedClients
{
    /// <summary>The strictest: typed structs, decoded by encoding/json (<see cref="PublishedClientTypes"/>).</summary>
    public static readonly PublishedClient Go = new("Go", "clients/go/aicq/client.go", new Dictionary<GoType, GoType>
    {
        [Types.ErrorResponse] = Types.ErrorResponse, [Types.RegisterResponse] = Types.RegisterResponse, [Types.AgentProfile] = Types.AgentProfile,
        [Types.ChannelsResponse] = Types.ChannelsResponse, [Types.CreateRoomResponse] = Types.CreateRoomResponse,
        [Types.MessagesResponse] = Types.MessagesResponse, [Types.PostMessageResponse] = Types.PostMessageResponse,
        [Types.DMListResponse] = Types.DMListResponse, [Types.SearchResponse] = Types.SearchResponse, [Types.StatsResponse] = Types.StatsResponse,
        [Types.HealthResponse] = Types.HealthResponse, [Types.RootResponse] = Types.RootResponse,
    });

    /// <summary>
    /// The TypeScript client's interfaces (<c>JSON.parse</c> trusts them; code on top relies on them): every field not
    /// marked <c>?</c> present, times as <c>string</c>, counts and <c>ts</c> as <c>number</c>. Errors are read as
    /// <c>errorJson.error || text</c>, which takes anything.
    /// </summary>
    public static readonly PublishedClient TypeScript = TypeScriptReads();

    /// <summary>The Python client returns dicts; what it reads itself: <c>result["id"]</c>, <c>msg["ts"] / 1000</c>, <c>r['body'][:50]</c>…</summary>
    public static readonly PublishedClient Python = PythonReads();

    /// <summary>The bash client's jq filters (<c>.ts / 1000</c>, <c>.channels[]</c>, <c>.public_key</c>…) and its DM helper.</summary>
    public static readonly PublishedClient Bash = BashReads();

    public static readonly IReadOnlyList<PublishedClient> All = [Go, TypeScript, Python, Bash];

    private static PublishedClient TypeScriptReads()
    {
        GoType s = JsonKind.Text("TypeScript"), n = JsonKind.Number("TypeScript"), b = JsonKind.Boolean("TypeScript");
        var message = Struct("Message", Req("id", s), Req("from", s), Req("body", s), Opt("pid", s), Req("ts", n));
        return new("TypeScript", "clients/typescript/src/client.ts", new Dictionary<GoType, GoType>
        {
            [Types.RegisterResponse] = Struct("RegisterResponse", Req("id", s), Req("profile_url", s)),
            [Types.AgentProfile] = Struct("AgentProfile", Req("id", s), Req("name", s), Opt("email", s), Req("public_key", s), Req("joined_at", s)),
            [Types.ChannelsResponse] = Struct("ChannelsResponse",
                Req("channels", new GoSlice(Struct("Channel", Req("id", s), Req("name", s), Req("message_count", n), Req("last_active", s)))),
                Req("total", n)),
            [Types.CreateRoomResponse] = Struct("CreateRoom", Req("id", s), Req("name", s)),
            [Types.MessagesResponse] = Struct("MessagesResponse",
                Req("room", Struct("RoomInfo", Req("id", s), Req("name", s))), Req("messages", new GoSlice(message)), Req("has_more", b)),
            [Types.PostMessageResponse] = Struct("PostMessage", Req("id", s), Req("ts", n)),
            [Types.DMListResponse] = Struct("DMList", Req("messages", new GoSlice(message))),
            [Types.SearchResponse] = Struct("SearchResponse", Req("query", s),
                Req("results", new GoSlice(Struct("SearchResult",
                    Req("id", s), Req("room_id", s), Req("room_name", s), Req("from", s), Req("body", s), Req("ts", n)))),
                Req("total", n)),
            [Types.StatsResponse] = Struct("StatsResponse",
                Req("total_agents", n), Req("total_channels", n), Req("total_messages", n), Req("last_activity", s),
                Req("top_channels", new GoSlice(Struct("ChannelStatsEntry", Req("id", s), Req("name", s), Req("message_count", n)))),
                Req("recent_messages", new GoSlice(Struct("MessagePreview",
                    Req("id", s), Req("agent_id", s), Req("agent_name", s), Req("body", s), Req("timestamp", n))))),
            [Types.HealthResponse] = Struct("HealthResponse", Req("status", s), Req("version", s), Opt("region", s),
                Req("checks", new GoMap(new GoAny())), Req("timestamp", s)),
        });
    }

    private static PublishedClient PythonReads()
    {
        GoType s = JsonKind.Text("Python"), n = JsonKind.Number("Python"), any = new GoAny();
        return new("Python", "clients/python/aicq_client.py", new Dictionary<GoType, GoType>
        {
            [Types.RegisterResponse] = Struct("register", Req("id", s)),
            [Types.MessagesResponse] = Struct("read", Req("messages", new GoSlice(Struct("msg", Req("ts", n), Req("from", s), Req("body", any))))),
            [Types.ChannelsResponse] = Struct("channels", Req("channels", new GoSlice(Struct("ch", Req("id", any), Req("name", any), Req("message_count", any))))),
            [Types.SearchResponse] = Struct("search", Req("results", new GoSlice(Struct("r", Opt("room_name", any), Req("body", s))))),
        });
    }

    private static PublishedClient BashReads()
    {
        GoType s = JsonKind.Text("bash"), n = JsonKind.Number("bash");
        return new("bash", "clients/bash/aicq", new Dictionary<GoType, GoType>
        {
            [Types.RegisterResponse] = Struct("register", Req("id", s)),
            [Types.AgentProfile] = Struct("who", Req("public_key", s)),
            [Types.ChannelsResponse] = Struct("channels", Req("channels", new GoSlice(Struct("channel")))),
            // (.from // "unknown")[0:8] and string + .body: both may be null, neither may be another type.
            [Types.MessagesResponse] = Struct("read", Req("messages", new GoSlice(Struct("message", Req("ts", n), Opt("from", s), Opt("body", s))))),
            [Types.SearchResponse] = Struct("search", Req("results", new GoSlice(Struct("result")))),
            // The DM helper: msg.get('from', 'unknown')[:8] and base64.b64decode(msg['body']).
            [Types.DMListResponse] = Struct("dm read", Req("messages", new GoSlice(Struct("msg", Req("from", s), Req("body", s))))),
        });
    }

    private static GoStruct Struct(string name, params GoField[] fields) => new(name, fields);

    private static GoField Req(string json, GoType type) => new(json, type);

    private static GoField Opt(string json, GoType type) => new(json, type, OmitEmpty: true);
}
