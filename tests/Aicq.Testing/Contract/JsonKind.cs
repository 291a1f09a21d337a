namespace Aicq.Testing.Contract;

/// <summary>
/// A JSON value of one kind (or null), as a dynamically typed client reads it, worded for that client: TypeScript's
/// <c>number</c>/<c>string</c>/<c>boolean</c>, or what Python's and jq's operators need (<c>msg["ts"] / 1000</c>,
/// <c>.ts / 1000</c>: any number, whole or not; <c>[:8]</c> and <c>[0:8]</c>: a string).
/// </summary>
internal sealed record JsonKind(string Client, string Kind, JsonValueKind Accepted, JsonValueKind AlsoAccepted) : GoType(Kind)
{
    public static JsonKind Number(string client) => new(client, "number", JsonValueKind.Number, JsonValueKind.Number);

    public static JsonKind Text(string client) => new(client, "string", JsonValueKind.String, JsonValueKind.String);

    public static JsonKind Boolean(string client) => new(client, "boolean", JsonValueKind.True, JsonValueKind.False);

    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind != Accepted && value.ValueKind != AlsoAccepted && value.ValueKind != JsonValueKind.Null)
            errors.Add($"{Client} reads {path} as a {Kind}, got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}");
    }
}
