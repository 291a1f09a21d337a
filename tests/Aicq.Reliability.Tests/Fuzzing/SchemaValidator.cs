namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// Checks a JSON value against the subset of JSON Schema our document uses: <c>$ref</c>, <c>type</c> (one or a list,
/// with <c>null</c>), <c>oneOf</c>, <c>properties</c>, <c>required</c>, <c>additionalProperties</c>, <c>items</c>,
/// <c>enum</c>, <c>format</c> (uuid, date-time, int32/int64), lengths, <c>pattern</c> and numeric bounds. Objects are
/// closed: a field the document does not describe is reported, so the document cannot fall behind the API.
/// </summary>
public sealed class SchemaValidator(OpenApiContract contract)
{
    public IReadOnlyList<string> Validate(JsonNode? value, JsonNode schema)
    {
        var errors = new List<string>();
        Check(value, schema, "$", errors);
        return errors;
    }

    private void Check(JsonNode? value, JsonNode schemaNode, string at, List<string> errors)
    {
        var schema = contract.Resolve(schemaNode).AsObject();
        if (schema["oneOf"] is JsonArray choices)
        {
            var matching = choices.Count(c => Validate(value, c!).Count == 0);
            if (matching != 1) errors.Add($"{at}: matches {matching} of the oneOf choices");
            return;
        }
        var types = schema["type"] switch
        {
            JsonArray list => list.Select(t => (string)t!).ToList(),
            JsonValue single => [(string)single!],
            _ => new List<string>(),
        };
        if (value is null)
        {
            if (types.Count > 0 && !types.Contains("null")) errors.Add($"{at}: null where {string.Join("|", types)} is documented");
            return;
        }
        var kind = KindOf(value);
        if (types.Count > 0 && !types.Contains(kind) && !(kind == "integer" && types.Contains("number")))
        {
            errors.Add($"{at}: {kind} where {string.Join("|", types)} is documented");
            return;
        }
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
            errors.Add($"{at}: {value.ToJsonString()} is not one of the documented values");
        switch (value)
        {
            case JsonObject obj: CheckObject(obj, schema, at, errors); break;
            case JsonArray array:
                if (schema["items"] is { } items) for (var i = 0; i < array.Count; i++) Check(array[i], items, $"{at}[{i}]", errors);
                break;
            case JsonValue scalar when kind == "string": CheckString(scalar.GetValue<string>(), schema, at, errors); break;
            case JsonValue scalar when kind is "integer" or "number": CheckNumber(scalar, schema, at, errors); break;
        }
    }

    private void CheckObject(JsonObject obj, JsonObject schema, string at, List<string> errors)
    {
        var properties = schema["properties"]?.AsObject();
        foreach (var required in schema["required"]?.AsArray() ?? [])
            if (!obj.ContainsKey((string)required!)) errors.Add($"{at}: required field '{required}' is missing");
        foreach (var (name, field) in obj)
        {
            if (properties?[name] is { } fieldSchema) Check(field, fieldSchema, $"{at}.{name}", errors);
            else if (schema["additionalProperties"] is JsonObject extra) Check(field, extra, $"{at}.{name}", errors);
            else errors.Add($"{at}: field '{name}' is not documented");
        }
    }

    private static void CheckString(string text, JsonObject schema, string at, List<string> errors)
    {
        if (schema["minLength"] is { } min && text.Length < (decimal)min) errors.Add($"{at}: shorter than {min}");
        if (schema["maxLength"] is { } max && text.Length > (decimal)max) errors.Add($"{at}: longer than {max}");
        if (schema["pattern"] is { } pattern && !Regex.IsMatch(text, (string)pattern!)) errors.Add($"{at}: does not match {pattern}");
        var valid = (string?)schema["format"] switch
        {
            "uuid" => Guid.TryParseExact(text, "D", out _),
            "date-time" => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _),
            _ => true,
        };
        if (!valid) errors.Add($"{at}: '{Short(text)}' is not a {schema["format"]}");
    }

    private static void CheckNumber(JsonValue scalar, JsonObject schema, string at, List<string> errors)
    {
        var number = scalar.GetValue<JsonElement>().GetDecimal();
        if (schema["minimum"] is { } min && number < (decimal)min) errors.Add($"{at}: {number} below {min}");
        if (schema["maximum"] is { } max && number > (decimal)max) errors.Add($"{at}: {number} above {max}");
        var limit = (string?)schema["format"] switch { "int32" => int.MaxValue, "int64" => long.MaxValue, _ => decimal.MaxValue };
        if (Math.Abs(number) > limit) errors.Add($"{at}: {number} outside {schema["format"]}");
    }

    private static string KindOf(JsonNode value) => value.GetValueKind() switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Number => decimal.Truncate(value.GetValue<JsonElement>().GetDecimal()) == value.GetValue<JsonElement>().GetDecimal() ? "integer" : "number",
        _ => "null",
    };

    private static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
