using YamlDotNet.Serialization;

namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>One operation of the document: its parameters, request body schema and documented responses.</summary>
public sealed record ContractOperation(string Method, string Path, IReadOnlyList<JsonObject> Parameters, JsonNode? BodySchema,
    IReadOnlyDictionary<string, JsonObject> Responses)
{
    public string Name => $"{Method} {Path}";

    public bool Signed => Parameters.Any(p => (string?)p["name"] == "X-AICQ-Signature" && (bool?)p["required"] == true);

    public JsonObject? Parameter(string name) => Parameters.FirstOrDefault(p => (string?)p["name"] == name);

    public IEnumerable<JsonObject> In(string location) => Parameters.Where(p => (string?)p["in"] == location);
}

/// <summary>
/// Our published OpenAPI document (<c>/docs/openapi.yaml</c>) read as JSON nodes: the operations to fuzz and the
/// schemas their answers must match. YAML scalars arrive as strings; numbers and booleans are restored where the
/// schema keywords need them.
/// </summary>
public sealed class OpenApiContract
{
    private static readonly HashSet<string> NumericKeywords = ["minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems"];

    private OpenApiContract(JsonObject root) => Root = root;

    public JsonObject Root { get; }

    public static OpenApiContract Parse(string yaml) =>
        new((JsonObject)ToNode(new DeserializerBuilder().Build().Deserialize<object>(yaml), key: null)!);

    public IReadOnlyList<ContractOperation> Operations()
    {
        var operations = new List<ContractOperation>();
        foreach (var (path, item) in Root["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = node!.AsObject();
                var parameters = (operation["parameters"]?.AsArray() ?? []).Select(p => Resolve(p!).AsObject()).ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                var responses = operation["responses"]!.AsObject().ToDictionary(r => r.Key, r => Resolve(r.Value!).AsObject());
                operations.Add(new ContractOperation(method.ToUpperInvariant(), path, parameters, body, responses));
            }
        }
        return operations;
    }

    /// <summary>Follows a local <c>$ref</c> (<c>#/components/...</c>); other nodes come back as they are.</summary>
    public JsonNode Resolve(JsonNode node)
    {
        while (node is JsonObject o && o["$ref"] is { } reference)
        {
            var target = (JsonNode)Root;
            foreach (var part in ((string)reference!).TrimStart('#', '/').Split('/')) target = target[part]!;
            node = target;
        }
        return node;
    }

    private static JsonNode? ToNode(object? value, string? key) => value switch
    {
        Dictionary<object, object> map => new JsonObject(map.Select(e => KeyValuePair.Create((string)e.Key, ToNode(e.Value, (string)e.Key)))),
        List<object> list => new JsonArray(list.Select(v => ToNode(v, null)).ToArray()),
        string s when key is not null && NumericKeywords.Contains(key) => JsonValue.Create(decimal.Parse(s, CultureInfo.InvariantCulture)),
        string s when key is "required" or "nullable" && bool.TryParse(s, out var b) => JsonValue.Create(b),
        string s => JsonValue.Create(s),
        null => null,
        _ => JsonValue.Create(value.ToString()),
    };
}
