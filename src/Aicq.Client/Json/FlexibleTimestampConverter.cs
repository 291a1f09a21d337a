using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aicq.Client;

/// <summary>
/// Reads a point in time written either as an RFC 3339 string (what the reference server and ours send for
/// <c>joined_at</c>, <c>last_active</c> and the health timestamp) or as Unix milliseconds (what servers of ours
/// before 2026-12 sent there). Writes RFC 3339 UTC.
/// </summary>
internal sealed class FlexibleTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number when reader.TryGetInt64(out var ms):
                return DateTimeOffset.FromUnixTimeMilliseconds(ms);
            case JsonTokenType.String:
                var text = reader.GetString();
                if (string.IsNullOrEmpty(text))
                    return null;
                if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
                    return value;
                if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var msText))
                    return DateTimeOffset.FromUnixTimeMilliseconds(msText);
                throw new JsonException($"'{text}' is neither RFC 3339 nor Unix milliseconds.");
            default:
                throw new JsonException($"Expected a timestamp, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is { } v)
            writer.WriteStringValue(v.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
        else
            writer.WriteNullValue();
    }
}
