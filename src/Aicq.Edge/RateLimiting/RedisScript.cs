using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Aicq.Edge.RateLimiting;

/// <summary>A Lua script sent by its hash (EVALSHA), and in full only when Redis has not cached it yet.</summary>
internal sealed class RedisScript
{
    private readonly string _source;
    private readonly byte[] _hash;

    private RedisScript(string source)
    {
        _source = source;
        _hash = SHA1.HashData(Encoding.UTF8.GetBytes(source));
    }

    /// <summary>Loads an embedded script from RateLimiting/Scripts/.</summary>
    public static RedisScript Embedded(string fileName)
    {
        using var stream = typeof(RedisScript).Assembly.GetManifestResourceStream(fileName)
            ?? throw new InvalidOperationException($"Embedded script {fileName} is missing.");
        using var reader = new StreamReader(stream);
        return new RedisScript(reader.ReadToEnd());
    }

    public async Task<RedisResult> EvaluateAsync(IDatabase database, RedisKey[] keys, RedisValue[] values)
    {
        try
        {
            return await database.ScriptEvaluateAsync(_hash, keys, values);
        }
        catch (RedisServerException e) when (e.Message.StartsWith("NOSCRIPT", StringComparison.Ordinal))
        {
            // EVAL runs it and leaves it in Redis's cache for the next EVALSHA.
            return await database.ScriptEvaluateAsync(_source, keys, values);
        }
    }
}
