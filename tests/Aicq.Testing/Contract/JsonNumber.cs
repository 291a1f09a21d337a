using System.Text.Json;

namespace Aicq.Testing.Contract;

/// <summary>
/// Any JSON number, whole or not: TypeScript's <c>number</c>, and what Python's <c>/</c> and jq's <c>/</c> need
/// (<c>msg["ts"] / 1000</c>, <c>.ts / 1000</c>). Worded for the client named in <paramref name="Client"/>.
/// </summary>
internal sealed record JsonNumber(string Client) : GoType("number")
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind is not (JsonValueKind.Number or JsonValueKind.Null))
            errors.Add($"{Client} reads {path} as a number, got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}");
    }
}

/// <summary>A JSON string (or null), worded for the client named in <paramref name="Client"/>.</summary>
internal sealed record JsonText(string Client) : GoType("string")
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            errors.Add($"{Client} reads {path} as a string, got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}");
    }
}

/// <summary>A JSON boolean (or null), worded for the client named in <paramref name="Client"/>.</summary>
internal sealed record JsonBoolean(string Client) : GoType("boolean")
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null))
            errors.Add($"{Client} reads {path} as a boolean, got {value.ValueKind.ToString().ToLowerInvariant()} {value.GetRawText()}");
    }
}
