using CsCheck;

namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>
/// Every random choice of the fuzzer, drawn from CsCheck generators on one seeded PCG stream, so a seed and an
/// operation name replay the same requests. Values follow a schema: formats, lengths, bounds and the simple
/// <c>^[class]{m,n}$</c> patterns our document uses.
/// </summary>
public sealed partial class Draws(uint stream, ulong seed)
{
    private readonly PCG _pcg = new(stream, seed);

    public T Draw<T>(Gen<T> gen) => gen.Generate(_pcg, null, out _);

    public int Int(int min, int max) => Draw(Gen.Int[min, max]);

    public bool Chance(int percent) => Int(1, 100) <= percent;

    public T Pick<T>(IReadOnlyList<T> items) => items[Int(0, items.Count - 1)];

    public string Text(int min, int max) => Draw(Gen.String[Gen.Char.AlphaNumeric, min, max]);

    public string Words(int min, int max) =>
        string.Join(' ', Enumerable.Range(0, Int(min, max)).Select(_ => Pick(FuzzWorld.Words)));

    /// <summary>Any JSON-safe Unicode text (no lone surrogates), up to <paramref name="max"/> characters.</summary>
    public string Unicode(int min, int max) => Draw(Gen.String[Gen.Char[' ', '\uD7FF'], min, max]);

    /// <summary>A value valid for <paramref name="schema"/> (a parameter's or a field's).</summary>
    public JsonNode? ValueFor(JsonObject schema)
    {
        var type = schema["type"] is JsonArray types ? (string?)types.Last() : (string?)schema["type"];
        if ((string?)schema["format"] == "uuid") return Draw(Gen.Guid).ToString();
        if ((string?)schema["pattern"] is { } pattern) return FromPattern(pattern);
        return type switch
        {
            "integer" => Draw(Gen.Long[(long)Number(schema, "minimum", 0), (long)Number(schema, "maximum", 4_000_000_000_000m)]),
            "boolean" => Chance(50),
            _ => Text((int)Number(schema, "minLength", 0), (int)Number(schema, "maxLength", 40)),
        };
    }

    public static decimal Number(JsonObject schema, string keyword, decimal fallback) => schema[keyword] is { } value ? (decimal)value : fallback;

    /// <summary>A string matching <c>^[class]{n}$</c> or <c>^[class]{m,n}$</c>.</summary>
    public string FromPattern(string pattern)
    {
        var match = SimplePattern().Match(pattern);
        if (!match.Success) throw new NotSupportedException($"pattern {pattern} is beyond the fuzzer's generator");
        var alphabet = new StringBuilder();
        var set = match.Groups["set"].Value;
        for (var i = 0; i < set.Length; i++)
        {
            if (i + 2 < set.Length && set[i + 1] == '-') { for (var c = set[i]; c <= set[i + 2]; c++) alphabet.Append(c); i += 2; }
            else alphabet.Append(set[i]);
        }
        var min = int.Parse(match.Groups["min"].Value);
        var max = match.Groups["max"].Success ? int.Parse(match.Groups["max"].Value) : min;
        var chars = alphabet.ToString();
        return new string(Enumerable.Range(0, Int(min, max)).Select(_ => chars[Int(0, chars.Length - 1)]).ToArray());
    }

    [GeneratedRegex(@"^\^\[(?<set>[^\]]+)\]\{(?<min>\d+)(,(?<max>\d+))?\}\$$")]
    private static partial Regex SimplePattern();
}
