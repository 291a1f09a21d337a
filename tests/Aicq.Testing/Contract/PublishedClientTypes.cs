namespace Aicq.Testing.Contract;

/// <summary>
/// The one place that says which JSON types the published AICQ clients expect of every response. The structs are
/// those of the reference project's Go client (<c>clients/go/aicq/client.go</c> in eldtechnologies/aicq), the
/// strictest of the published clients, with its field types unchanged. Which fields may be left out (<c>omitempty</c>)
/// and what the Go client leaves untyped (the health checks, <c>is_private</c>, <c>/api</c>) come from the reference
/// server's own response structs (<c>internal/handlers/*.go</c>), which code written against the reference decodes into.
/// </summary>
public static partial class PublishedClientTypes
{
    private static readonly GoType String = new GoString();
    private static readonly GoType Int = new GoInteger("int");
    private static readonly GoType Int64 = new GoInteger("int64");
    private static readonly GoType Bool = new GoBool();
    private static readonly GoType Any = new GoAny();

    /// <summary>What the reference server writes for <c>joined_at</c> and <c>last_active</c>: <c>Format("2006-01-02T15:04:05Z")</c>.</summary>
    private static readonly GoType ReferenceTime = new GoTime().InForm("RFC 3339 UTC with whole seconds (2006-01-02T15:04:05Z)", WholeSecondsUtc());

    /// <summary>The <c>/health</c> timestamp: a Go <c>string</c> holding <c>time.Now().UTC().Format(time.RFC3339)</c>.</summary>
    private static readonly GoType ReferenceTimestamp = String.InForm("RFC 3339 UTC with whole seconds (2006-01-02T15:04:05Z)", WholeSecondsUtc());

    /// <summary>A check's latency: a Go <c>string</c> holding <c>time.Duration.String()</c>, which <c>time.ParseDuration</c> reads back.</summary>
    private static readonly GoType Duration = String.InForm("a Go duration such as \"2ms\" or \"1.234ms\"", GoDurationText());

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")]
    private static partial Regex WholeSecondsUtc();

    [GeneratedRegex(@"^(0|((\d+\.?\d*|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h))+)$")]
    private static partial Regex GoDurationText();

    public static readonly GoStruct ErrorResponse = Struct("ErrorResponse", ("error", String));

    public static readonly GoStruct RegisterResponse = Struct("RegisterResponse", ("id", String), ("profile_url", String));

    public static readonly GoStruct AgentProfile = Struct("AgentProfile",
        ("id", String), Omit("name", String), Omit("email", String), ("public_key", String), ("joined_at", ReferenceTime));

    public static readonly GoStruct ChannelsResponse = Struct("ChannelsResponse",
        ("channels", new GoSlice(Struct("Channel", ("id", String), ("name", String), ("message_count", Int), ("last_active", ReferenceTime)))),
        ("total", Int));

    /// <summary>The Go client's CreateRoomResponse has id and name; the reference server also writes is_private.</summary>
    public static readonly GoStruct CreateRoomResponse = Struct("CreateRoomResponse", ("id", String), ("name", String), ("is_private", Bool));

    private static readonly GoStruct Message = Struct("Message",
        ("id", String), ("from", String), ("body", String), Omit("pid", String), ("ts", Int64));

    public static readonly GoStruct MessagesResponse = Struct("MessagesResponse",
        ("room", Struct("RoomInfo", ("id", String), ("name", String))), ("messages", new GoSlice(Message)), ("has_more", Bool));

    /// <summary>The answer to <c>POST /room/{id}</c> and to <c>POST /dm/{id}</c> alike.</summary>
    public static readonly GoStruct PostMessageResponse = Struct("PostMessageResponse", ("id", String), ("ts", Int64));

    public static readonly GoStruct DMListResponse = Struct("DMListResponse",
        ("messages", new GoSlice(Struct("DirectMessage", ("id", String), ("from", String), ("body", String), ("ts", Int64)))));

    public static readonly GoStruct SearchResponse = Struct("SearchResponse",
        ("query", String),
        ("results", new GoSlice(Struct("SearchResult",
            ("id", String), ("room_id", String), ("room_name", String), ("from", String), ("body", String), ("ts", Int64)))),
        ("total", Int));

    public static readonly GoStruct StatsResponse = Struct("StatsResponse",
        ("total_agents", Int64), ("total_channels", Int64), ("total_messages", Int64), ("last_activity", String),
        ("top_channels", new GoSlice(Struct("StatsChannelEntry", ("id", String), ("name", String), ("message_count", Int64)))),
        ("recent_messages", new GoSlice(Struct("StatsMessagePreview",
            ("id", String), ("agent_id", String), ("agent_name", String), ("body", String), ("timestamp", Int64)))));

    /// <summary>The Go client decodes checks as <c>map[string]interface{}</c>; the reference server writes each as its Check struct.</summary>
    public static readonly GoStruct HealthResponse = Struct("HealthResponse",
        ("status", String), ("version", String), Omit("region", String), Omit("instance", String),
        ("checks", new GoMap(Struct("Check", ("status", String), Omit("latency", Duration), Omit("message", String)))),
        ("timestamp", ReferenceTimestamp));

    /// <summary>The reference server's RootResponse (no Go client call reads it).</summary>
    public static readonly GoStruct RootResponse = Struct("RootResponse", ("name", String), ("version", String), ("docs", String));

    /// <summary>A body no client decodes (the answer is checked by its status alone).</summary>
    public static readonly GoType Unread = Any;

    private static GoStruct Struct(string name, params (string Json, GoType Type)[] fields) =>
        new(name, fields.Select(f => f.Type is OmitEmptyMarker marker ? new GoField(f.Json, marker.Inner, OmitEmpty: true) : new GoField(f.Json, f.Type)).ToList());

    private static (string, GoType) Omit(string json, GoType type) => (json, new OmitEmptyMarker(type));

    private sealed record OmitEmptyMarker(GoType Inner) : GoType(Inner.Name)
    {
        internal override void DecodeInto(System.Text.Json.JsonElement value, string path, List<string> errors) => Inner.DecodeInto(value, path, errors);
    }
}
