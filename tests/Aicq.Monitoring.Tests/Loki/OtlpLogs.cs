using Google.Protobuf;

namespace Aicq.Monitoring.Tests.Loki;

internal sealed record OtlpLogRecord(string SeverityText, string Body, IReadOnlyDictionary<string, string> Attributes);

/// <summary>One ResourceLogs of an export: the resource's attributes and its records (all scopes).</summary>
internal sealed record OtlpResourceLogs(IReadOnlyDictionary<string, string> Resource, IReadOnlyList<OtlpLogRecord> Records);

/// <summary>
/// Reads an OTLP <c>ExportLogsServiceRequest</c> (opentelemetry/proto/collector/logs/v1) straight from
/// the protobuf wire format: no OTLP types are published on NuGet here, and the test needs only resource
/// attributes, severity, body and record attributes. Unknown fields are skipped, as protobuf requires.
/// Attribute values of any scalar type become their invariant text.
/// </summary>
internal static class OtlpLogs
{
    public static IReadOnlyList<OtlpResourceLogs> Decode(byte[] request)
    {
        var result = new List<OtlpResourceLogs>();
        ForEachField(request, (field, input) =>
        {
            if (field == 1) result.Add(ResourceLogs(input.ReadBytes())); // resource_logs
            else input.SkipLastField();
        });
        return result;
    }

    private static OtlpResourceLogs ResourceLogs(ByteString bytes)
    {
        var resource = new Dictionary<string, string>();
        var records = new List<OtlpLogRecord>();
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: // resource
                    ForEachField(input.ReadBytes(), (f, r) => { if (f == 1) AddKeyValue(resource, r.ReadBytes()); else r.SkipLastField(); });
                    break;
                case 2: // scope_logs
                    ForEachField(input.ReadBytes(), (f, s) => { if (f == 2) records.Add(LogRecord(s.ReadBytes())); else s.SkipLastField(); });
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        });
        return new OtlpResourceLogs(resource, records);
    }

    private static OtlpLogRecord LogRecord(ByteString bytes)
    {
        string severity = "", body = "";
        var attributes = new Dictionary<string, string>();
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 3: severity = input.ReadString(); break;
                case 5: body = AnyValue(input.ReadBytes()); break;
                case 6: AddKeyValue(attributes, input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        });
        return new OtlpLogRecord(severity, body, attributes);
    }

    private static void AddKeyValue(Dictionary<string, string> into, ByteString bytes)
    {
        string key = "", value = "";
        ForEachField(bytes, (field, input) =>
        {
            if (field == 1) key = input.ReadString();
            else if (field == 2) value = AnyValue(input.ReadBytes());
            else input.SkipLastField();
        });
        into[key] = value;
    }

    private static string AnyValue(ByteString bytes)
    {
        var value = "";
        ForEachField(bytes, (field, input) =>
        {
            value = field switch
            {
                1 => input.ReadString(),
                2 => input.ReadBool() ? "true" : "false",
                3 => input.ReadInt64().ToString(CultureInfo.InvariantCulture),
                4 => input.ReadDouble().ToString(CultureInfo.InvariantCulture),
                _ => Skip(input),
            };
        });
        return value;
    }

    private static string Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return "(structured)";
    }

    private static void ForEachField(ByteString bytes, Action<int, CodedInputStream> read) => ForEachField(bytes.ToByteArray(), read);

    private static void ForEachField(byte[] bytes, Action<int, CodedInputStream> read)
    {
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0) read(WireFormat.GetTagFieldNumber(tag), input);
    }
}
