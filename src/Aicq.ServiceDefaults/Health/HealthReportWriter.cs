using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aicq.ServiceDefaults.Health;

/// <summary>
/// Writes /health/ready in the HealthChecks UI format (<c>{status, totalDuration, entries: {name: {data, description?,
/// duration, exception?, status, tags}}}</c>), which the status page and operators read, byte for byte as
/// HealthChecks.UI.Client's writer does. That writer serializes by reflection, which Native AOT turns off; this one
/// writes each field itself. A data value that is not a string, bool or number is written as its string form.
/// </summary>
public static class HealthReportWriter
{
    // As that writer: every letter as itself (an exception's message may be in any language), HTML's characters escaped.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    /// <summary>Writes <paramref name="report"/> as the response body, with Content-Type application/json.</summary>
    public static async Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        var body = new MemoryStream();
        await using (var json = new Utf8JsonWriter(body, Options))
        {
            json.WriteStartObject();
            json.WriteString("status", report.Status.ToString());
            json.WriteString("totalDuration", report.TotalDuration.ToString());
            json.WriteStartObject("entries");
            foreach (var (name, entry) in report.Entries) WriteEntry(json, name, entry);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        await context.Response.BodyWriter.WriteAsync(body.GetBuffer().AsMemory(0, (int)body.Length), context.RequestAborted);
    }

    private static void WriteEntry(Utf8JsonWriter json, string name, HealthReportEntry entry)
    {
        json.WriteStartObject(name);
        json.WriteStartObject("data");
        foreach (var (key, value) in entry.Data) WriteValue(json, key, value);
        json.WriteEndObject();
        // The UI format falls back to the exception's message when a check gives no description.
        var description = entry.Description ?? entry.Exception?.Message;
        if (description is not null) json.WriteString("description", description);
        json.WriteString("duration", entry.Duration.ToString());
        if (entry.Exception is not null) json.WriteString("exception", entry.Exception.Message);
        json.WriteString("status", entry.Status.ToString());
        json.WriteStartArray("tags");
        foreach (var tag in entry.Tags) json.WriteStringValue(tag);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter json, string key, object? value)
    {
        switch (value)
        {
            case null: json.WriteNull(key); break;
            case string text: json.WriteString(key, text); break;
            case bool flag: json.WriteBoolean(key, flag); break;
            case int or long or short or byte or uint or ulong or ushort or sbyte:
                json.WritePropertyName(key);
                json.WriteRawValue(Convert.ToString(value, CultureInfo.InvariantCulture)!);
                break;
            case double number: json.WriteNumber(key, number); break;
            case float number: json.WriteNumber(key, number); break;
            case decimal number: json.WriteNumber(key, number); break;
            default: json.WriteString(key, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }
}
