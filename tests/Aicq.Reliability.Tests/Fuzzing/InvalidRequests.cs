namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// Requests that break the document one way at a time, starting from a valid one: bad UUIDs, wrong types and
/// out-of-range numbers in the query, over-long or missing strings, broken JSON, wrong JSON types, missing required
/// fields, unknown fields, a body that is not JSON, over 8 KiB, a spoiled signature, a wrong or missing room key.
/// Each says the 4xx the protocol gives for it (unknown fields are ignored, so they keep the valid request's).
/// An operation with nothing to break gets junk query parameters and headers, which it must ignore.
/// </summary>
public sealed class InvalidRequests(ContractOperation operation, FuzzWorld world, Draws draw)
{
    private static readonly string[] BadUuids = ["abc", "123", "00000000-0000-0000-0000-00000000000g", "0000000000000000000000000000000000", "..%2F..%2Fetc", "%20", "null", "{}", "-1"];
    private static readonly string[] BadNumbers = ["abc", "-1", "1.5", "1e3", "99999999999999999999", "+5", "0x10", " 7"];

    private readonly ValidRequests _valid = new(operation, world, draw);

    public FuzzRequest Next()
    {
        var mutations = new List<Func<FuzzRequest, FuzzRequest?>> { BadPath, BadQuery };
        if (operation.BodySchema is not null) mutations.AddRange([BrokenJson, WrongTypes, MissingRequired, OverLong, UnknownFields, NotJson, TooLarge]);
        if (operation.Signed || operation.Parameter("X-AICQ-Agent") is not null) mutations.Add(BadSignature);
        if (operation.Parameter(ProtocolHeaders.RoomKey) is not null) mutations.Add(BadRoomKey);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var valid = _valid.Next() with { OnSuccess = null };
            if (draw.Pick(mutations)(valid) is { } invalid) return invalid;
        }
        return Junk(_valid.Next() with { OnSuccess = null });
    }

    private FuzzRequest? BadPath(FuzzRequest valid)
    {
        var names = operation.In("path").Select(p => (string)p["name"]!).ToList();
        if (names.Count == 0) return null;
        var name = draw.Pick(names);
        var segments = operation.Path.Split('/');
        var index = Array.IndexOf(segments, "{" + name + "}");
        var actual = valid.Path.Split('/');
        actual[index] = name == "msgID" ? draw.Pick([.. BadUuids, draw.Text(1, 40)]) : draw.Pick(BadUuids);
        // A message id that is not a ULID names no message; a room or agent id that is not a UUID is a 400.
        return valid with { Path = string.Join('/', actual), Kind = "bad " + name, Expected = Set(name == "msgID" ? 404 : 400) };
    }

    private FuzzRequest? BadQuery(FuzzRequest valid)
    {
        var parameters = operation.In("query").ToList();
        if (parameters.Count == 0) return null;
        var parameter = draw.Pick(parameters);
        var name = (string)parameter["name"]!;
        var schema = parameter["schema"]!.AsObject();
        var others = valid.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => !p.StartsWith(name + "=", StringComparison.Ordinal));
        string? value = (string?)schema["type"] switch
        {
            "integer" => draw.Chance(25) ? (Draws.Number(schema, "minimum", 0) - 1).ToString() : draw.Pick(BadNumbers),
            _ when (string?)schema["format"] == "uuid" => draw.Pick(BadUuids),
            _ => draw.Chance(30) ? null : draw.Chance(30) ? "" : draw.Text((int)Draws.Number(schema, "maxLength", 100) + 1, 2000),
        };
        if (value is null && (bool?)parameter["required"] != true) return null;
        var query = value is null ? others : others.Append($"{name}={Uri.EscapeDataString(value)}");
        return valid with { Query = "?" + string.Join('&', query), Kind = value is null ? $"missing {name}" : $"bad {name}", Expected = Set(400) };
    }

    private FuzzRequest BrokenJson(FuzzRequest valid)
    {
        var text = Encoding.UTF8.GetString(valid.Body!);
        var broken = draw.Int(0, 4) switch
        {
            0 => text[..draw.Int(1, text.Length - 1)],
            1 => text + "}",
            2 => "{'" + text[1..],
            3 => draw.Pick(["[1,2]", "\"text\"", "42", "true", "{\"a\":", "{,}"]),
            _ => text.Replace(":", "=", StringComparison.Ordinal),
        };
        return Body(valid, "broken JSON", broken, 400);
    }

    private FuzzRequest WrongTypes(FuzzRequest valid)
    {
        var body = Fields(valid);
        var name = draw.Pick(body.Select(p => p.Key).ToList());
        body[name] = draw.Int(0, 3) switch { 0 => 12345, 1 => new JsonArray(1, 2), 2 => new JsonObject { ["x"] = 1 }, _ => name == "is_private" ? "yes" : true };
        return Body(valid, $"wrong type of {name}", body.ToJsonString(), 400);
    }

    private FuzzRequest MissingRequired(FuzzRequest valid)
    {
        var body = Fields(valid);
        var schema = world.Contract.Resolve(((JsonArray)operation.BodySchema!["oneOf"]!).First(c => c?["$ref"] is not null)!);
        foreach (var required in schema["required"]?.AsArray() ?? []) body.Remove((string)required!);
        return Body(valid, "missing required fields", draw.Chance(20) ? "null" : body.ToJsonString(), [400, .. RoomNotFound(valid)]);
    }

    private FuzzRequest? OverLong(FuzzRequest valid)
    {
        var body = Fields(valid);
        (string field, string value, int status) = operation.Name switch
        {
            "POST /room" => ("name", draw.Text(51, 300), 400),
            "POST /room/{id}" => ("body", draw.Text(4097, 8000), 422),
            "POST /register" => ("public_key", Convert.ToBase64String(new byte[draw.Int(33, 200)]), 400),
            _ => ("", "", 0),
        };
        if (status == 0) return null;
        body[field] = value;
        return Body(valid, $"over-long {field}", body.ToJsonString(), [status, .. RoomNotFound(valid)]);
    }

    private FuzzRequest UnknownFields(FuzzRequest valid)
    {
        var body = Fields(valid);
        for (var i = draw.Int(1, 5); i > 0; i--) body["zz_" + draw.Text(1, 10)] = draw.Text(0, 20);
        return Body(valid, "unknown fields (ignored)", body.ToJsonString(), [.. valid.Expected]);
    }

    private FuzzRequest NotJson(FuzzRequest valid) =>
        valid with { ContentType = draw.Pick(["text/plain", "application/x-www-form-urlencoded", "application/xml"]), Kind = "not JSON", Expected = Set(415) };

    private FuzzRequest TooLarge(FuzzRequest valid) => Body(valid, "body over 8 KiB", $"{{\"body\":\"{draw.Text(8200, 12000)}\"}}", 413);

    // Without X-AICQ-Agent a read that may be signed is simply anonymous, so it only gets the faults that keep the header.
    private FuzzRequest BadSignature(FuzzRequest valid) => valid with
    {
        Signer = valid.Signer ?? draw.Pick(world.Agents),
        Fault = (SignatureFault)draw.Int(operation.Signed ? 1 : 2, 6),
        Kind = "bad signature",
        Expected = Set(401),
    };

    private FuzzRequest? BadRoomKey(FuzzRequest valid)
    {
        if (!valid.Headers.Any(h => h.Key == ProtocolHeaders.RoomKey)) return null;
        var headers = valid.Headers.Where(h => h.Key != ProtocolHeaders.RoomKey).ToList();
        if (draw.Chance(60)) headers.Add(new(ProtocolHeaders.RoomKey, draw.Chance(50) ? draw.Text(1, 60) : "fuzz-room-key-2-0123456789x"));
        // 429 once this client has spent its 10 key checks for the room (a missing key costs none).
        return valid with { Headers = headers, Kind = "wrong room key", Expected = Set(403, 429) };
    }

    private FuzzRequest Junk(FuzzRequest valid) => valid with
    {
        Query = (valid.Query.Length == 0 ? "?" : valid.Query + "&") + $"{draw.Text(1, 10)}={Uri.EscapeDataString(draw.Unicode(0, 50))}",
        Headers = [.. valid.Headers, new("X-Fuzz-" + draw.Text(1, 10), draw.Text(0, 100))],
        Kind = "junk query and headers (ignored)",
    };

    /// <summary>The handler looks the room up before it reads the body's fields: a random room id is still a 404.</summary>
    private static IEnumerable<int> RoomNotFound(FuzzRequest valid) => valid.Expected.Contains(404) ? [404] : [];

    private static JsonObject Fields(FuzzRequest valid) =>
        JsonNode.Parse(valid.Body!)!.AsObject() is { Count: > 0 } body ? body : new JsonObject { ["body"] = "x" };

    private static FuzzRequest Body(FuzzRequest valid, string kind, string body, params int[] expected) =>
        valid with { Body = Encoding.UTF8.GetBytes(body), Kind = kind, Expected = Set(expected) };

    private static HashSet<int> Set(params int[] statuses) => [.. statuses];
}
