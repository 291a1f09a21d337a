namespace Aicq.Testing.Contract;

/// <summary>
/// A Go type as the published Go client declares it, and how Go's <c>encoding/json</c> decodes a JSON value into it:
/// a number never goes into a <c>string</c>, a string never into an <c>int64</c>, a fraction never into an integer,
/// a <c>time.Time</c> takes only an RFC 3339 string, unknown fields are ignored and <c>null</c> leaves a field as it is.
/// Decoding collects every mismatch, worded as Go words it, instead of stopping at the first.
/// </summary>
public abstract record GoType(string Name)
{
    public IReadOnlyList<string> Decode(JsonElement value, string path)
    {
        var errors = new List<string>();
        DecodeInto(value, path, errors);
        return errors;
    }

    internal abstract void DecodeInto(JsonElement value, string path, List<string> errors);

    /// <summary>The same type, with the string form the reference server writes required as well.</summary>
    public GoType InForm(string form, Regex pattern) => new GoFormed(this, form, pattern);

    protected static string Mismatch(JsonElement value, string path, string type)
    {
        var kind = value.ValueKind switch
        {
            JsonValueKind.String => "string",
            JsonValueKind.Number => "number " + value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => "bool",
            JsonValueKind.Array => "array",
            _ => "object",
        };
        return $"cannot unmarshal {kind} into Go struct field {path} of type {type}";
    }
}

internal sealed record GoString() : GoType("string")
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null)) errors.Add(Mismatch(value, path, Name));
    }
}

internal sealed record GoBool() : GoType("bool")
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False or JsonValueKind.Null)) errors.Add(Mismatch(value, path, Name));
    }
}

/// <summary><c>int</c> (64 bits wide on the platforms the client runs on) and <c>int64</c>: a whole number in range, no exponent.</summary>
internal sealed record GoInteger(string IntName) : GoType(IntName)
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Number
            || !long.TryParse(value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            errors.Add(Mismatch(value, path, Name));
    }
}

/// <summary><c>time.Time</c>: its UnmarshalJSON takes a quoted RFC 3339 time (fractional seconds allowed) or null.</summary>
internal sealed partial record GoTime() : GoType("time.Time")
{
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex Rfc3339();

    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.String)
            errors.Add($"parsing time {value.GetRawText()} as RFC 3339 for Go struct field {path}: not a JSON string");
        else if (!Rfc3339().IsMatch(value.GetString()!)
                 || !DateTimeOffset.TryParse(value.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            errors.Add($"parsing time {value.GetRawText()} as RFC 3339 for Go struct field {path}: not RFC 3339");
    }
}

/// <summary><c>interface{}</c>: takes anything.</summary>
internal sealed record GoAny() : GoType("interface {}")
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors) { }
}

internal sealed record GoSlice(GoType Element) : GoType("[]" + Element.Name)
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Array) { errors.Add(Mismatch(value, path, Name)); return; }
        var index = 0;
        foreach (var item in value.EnumerateArray()) Element.DecodeInto(item, $"{path}[{index++}]", errors);
    }
}

internal sealed record GoMap(GoType Value) : GoType("map[string]" + Value.Name)
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object) { errors.Add(Mismatch(value, path, Name)); return; }
        foreach (var entry in value.EnumerateObject()) Value.DecodeInto(entry.Value, $"{path}[{entry.Name}]", errors);
    }
}

/// <summary>A field of a struct; <paramref name="OmitEmpty"/> where the reference server's own struct says <c>omitempty</c>.</summary>
public sealed record GoField(string Json, GoType Type, bool OmitEmpty = false);

/// <summary>
/// A struct. Beyond Go, which is silent about absent fields, a field the reference server always writes must be
/// present and not null: the Python, TypeScript and bash clients read it without a check.
/// </summary>
public sealed record GoStruct(string StructName, IReadOnlyList<GoField> Fields) : GoType(StructName)
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Null) return;
        if (value.ValueKind != JsonValueKind.Object) { errors.Add(Mismatch(value, path, Name)); return; }
        var fields = value.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var fieldPath = path.Length == 0 ? $"{Name}.{field.Json}" : $"{path}.{field.Json}";
            if (!fields.TryGetValue(field.Json, out var fieldValue) || fieldValue.ValueKind == JsonValueKind.Null)
            {
                if (!field.OmitEmpty) errors.Add($"{fieldPath} is {(fieldValue.ValueKind == JsonValueKind.Null ? "null" : "missing")}, but the reference server always sends it");
                continue;
            }
            field.Type.DecodeInto(fieldValue, fieldPath, errors);
        }
    }
}

/// <summary>A type whose JSON string must also be in the exact form the reference server writes.</summary>
internal sealed record GoFormed(GoType Inner, string Form, Regex Pattern) : GoType(Inner.Name)
{
    internal override void DecodeInto(JsonElement value, string path, List<string> errors)
    {
        var before = errors.Count;
        Inner.DecodeInto(value, path, errors);
        if (errors.Count == before && value.ValueKind == JsonValueKind.String && !Pattern.IsMatch(value.GetString()!))
            errors.Add($"{path} is {value.GetRawText()}, not {Form}");
    }
}
