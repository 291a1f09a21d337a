using System.Security.Cryptography;
using System.Text.Json;

namespace Aicq.Client;

/// <summary>Reads and writes the JSON key file documented on <see cref="AgentIdentity.Save"/>.</summary>
internal static class KeyFile
{
    internal const string Format = "aicq-agent-key-v1";

    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerAll = OwnerReadWrite | UnixFileMode.UserExecute;

    internal static void Write(string path, Guid? agentId, AgentKey key)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)!;
        if (!Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
                Directory.CreateDirectory(directory);
            else
                Directory.CreateDirectory(directory, OwnerAll);
        }

        // Write a fresh file and rename it over the old one, so the mode is right from the first byte
        // and a crash never leaves a half-written key behind.
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerReadWrite;
        var seed = key.ExportSeed();
        try
        {
            using (var stream = new FileStream(temp, options))
            using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
            {
                writer.WriteStartObject();
                writer.WriteString("format", Format);
                if (agentId is { } id)
                    writer.WriteString("agent_id", id);
                writer.WriteString("public_key", key.PublicKeyBase64);
                writer.WriteBase64String("seed", seed);
                writer.WriteEndObject();
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, fullPath, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }

    internal static (Guid? AgentId, AgentKey Key) Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var bytes = File.ReadAllBytes(path);
        try
        {
            using var document = Parse(path, bytes);
            return Read(path, document.RootElement);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    private static (Guid? AgentId, AgentKey Key) Read(string path, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object
            || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
            throw Invalid(path, $"\"format\" must be \"{Format}\"");

        Guid? agentId = null;
        if (root.TryGetProperty("agent_id", out var idElement) && idElement.ValueKind != JsonValueKind.Null)
        {
            if (idElement.ValueKind != JsonValueKind.String || !idElement.TryGetGuid(out var id))
                throw Invalid(path, "\"agent_id\" must be a UUID");
            agentId = id;
        }

        if (!root.TryGetProperty("seed", out var seedElement) || seedElement.ValueKind != JsonValueKind.String
            || !seedElement.TryGetBytesFromBase64(out var seed) || seed.Length != AgentKey.SeedSize)
            throw Invalid(path, $"\"seed\" must be base64 of {AgentKey.SeedSize} bytes");

        var key = AgentKey.FromSeed(seed);
        CryptographicOperations.ZeroMemory(seed);
        if (root.TryGetProperty("public_key", out var publicKey)
            && (publicKey.ValueKind != JsonValueKind.String || publicKey.GetString() != key.PublicKeyBase64))
        {
            key.Dispose();
            throw Invalid(path, "\"public_key\" does not belong to \"seed\"");
        }
        return (agentId, key);
    }

    private static JsonDocument Parse(string path, byte[] bytes)
    {
        try
        {
            return JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The key file '{path}' is not valid JSON.", e);
        }
    }

    private static InvalidDataException Invalid(string path, string problem) =>
        new($"The key file '{path}' is not an AICQ key file: {problem}.");
}
