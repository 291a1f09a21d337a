using CsCheck;

namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// Requests that follow the document: every documented parameter of the right type, length and format, bodies from
/// the request schema, signed by a registered agent where the operation needs it, private rooms with their key.
/// Each says which statuses explain it: the documented success, or a documented 4xx it earns on purpose
/// (404 for a random id, 403 for deleting another agent's message, 422 for a pid of another room, 429 over the
/// message byte budget).
/// </summary>
public sealed class ValidRequests(ContractOperation operation, FuzzWorld world, Draws draw)
{
    private readonly HashSet<int> _success = operation.Responses.Keys.Where(k => k[0] == '2').Select(int.Parse).ToHashSet();

    public FuzzRequest Next()
    {
        var expected = new HashSet<int>(_success);
        var path = operation.Path;
        var query = new List<string>();
        var headers = new List<KeyValuePair<string, string>>();
        KnownRoom? room = null;
        KnownMessage? message = null;
        if (operation.Path.StartsWith("/room/{id}", StringComparison.Ordinal))
        {
            if (operation.Method == "DELETE" && draw.Chance(85)) message = draw.Pick(world.Messages.ToArray());
            room = message is not null ? new KnownRoom(message.Room, message.Key) : draw.Chance(85) ? draw.Pick(world.Rooms.ToArray()) : null;
            if (room?.Key is not null) headers.Add(new(ProtocolHeaders.RoomKey, room.Key));
        }
        foreach (var parameter in operation.In("path"))
        {
            var name = (string)parameter["name"]!;
            var value = (name, operation.Path) switch
            {
                ("id", "/who/{id}") or ("recipient", _) => draw.Chance(85) ? draw.Pick(world.Agents).AgentId.ToString() : null,
                ("id", _) => room?.Id.ToString(),
                ("msgID", _) => message?.Id,
                _ => null,
            };
            if (value is null) expected.Add(404); // a well-formed id of nothing: the documented 404
            path = path.Replace("{" + name + "}", value ?? draw.ValueFor(parameter["schema"]!.AsObject())!.ToString());
        }
        foreach (var parameter in operation.In("query"))
        {
            var name = (string)parameter["name"]!;
            if ((bool?)parameter["required"] != true && draw.Chance(50)) continue;
            var value = name switch
            {
                "q" => draw.Chance(70) ? draw.Words(1, 4) : draw.ValueFor(parameter["schema"]!.AsObject())!.ToString(),
                "room" when draw.Chance(80) => draw.Pick(world.Rooms.ToArray()).Id.ToString(),
                _ => draw.ValueFor(parameter["schema"]!.AsObject())!.ToString(),
            };
            query.Add($"{name}={Uri.EscapeDataString(value)}");
        }
        var signer = operation.Signed || (operation.Parameter("X-AICQ-Agent") is not null && draw.Chance(50)) ? draw.Pick(world.Agents) : null;
        if (message is not null && signer is not null && draw.Chance(70)) signer = message.Author;
        if (message is not null)
        {
            // Its author may delete it; anyone else is refused; an earlier request may have deleted it already (404).
            expected.Clear();
            expected.UnionWith(signer == message.Author ? [204, 404] : [403, 404]);
        }
        var body = operation.BodySchema is null ? null : Body(room, expected);
        return new FuzzRequest(operation.Method, path, query.Count == 0 ? "" : "?" + string.Join('&', query), "valid", expected)
        {
            Headers = headers,
            Body = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString()),
            Signer = signer,
            OnSuccess = Remember(room, signer, body),
        };
    }

    private JsonObject Body(KnownRoom? room, HashSet<int> expected)
    {
        var schema = draw.Pick(((JsonArray)operation.BodySchema!["oneOf"]!).Where(c => c?["$ref"] is not null).ToList())!;
        var properties = world.Contract.Resolve(schema)["properties"]!.AsObject();
        var body = new JsonObject();
        foreach (var (name, field) in properties)
        {
            var required = world.Contract.Resolve(schema)["required"]?.AsArray().Any(r => (string?)r == name) ?? false;
            if (!required && draw.Chance(50)) continue;
            body[name] = (operation.Name, name) switch
            {
                (_, "public_key") => Convert.ToBase64String(draw.Draw(Gen.Byte.Array[32])),
                (_, "email") => $"{draw.Text(1, 20)}@{draw.Text(1, 20)}.example",
                (_, "name") when operation.Path == "/register" => draw.Unicode(0, 120),
                (_, "key") => draw.Text(16, 60),
                (_, "is_private") => false,
                (_, "body") => draw.Chance(80) ? draw.Words(1, 30) : "m" + draw.Unicode(0, draw.Chance(90) ? 400 : 1300),
                (_, "pid") => world.Messages.Where(m => m.Room == room?.Id).Select(m => m.Id).LastOrDefault(),
                _ => draw.ValueFor(world.Contract.Resolve(field!).AsObject()),
            };
        }
        foreach (var empty in body.Where(p => p.Value is null).Select(p => p.Key).ToList()) body.Remove(empty);
        if (operation.Name == "POST /room" && draw.Chance(40)) (body["is_private"], body["key"]) = (true, draw.Text(16, 60));
        if (body.ContainsKey("pid")) expected.Add(422);  // the room's last known message may have been deleted
        if (operation.Name == "POST /room/{id}") expected.Add(429);
        return body;
    }

    private Action<JsonNode?>? Remember(KnownRoom? room, AgentIdentity? signer, JsonObject? body) => operation.Name switch
    {
        "POST /room" => answer => world.Rooms.Enqueue(new KnownRoom(Guid.Parse((string)answer!["id"]!), (bool?)answer["is_private"] == true ? (string?)body?["key"] : null)),
        "POST /room/{id}" when room is not null && signer is not null =>
            answer => world.Messages.Enqueue(new KnownMessage(room.Id, (string)answer!["id"]!, signer, room.Key)),
        _ => null,
    };
}
