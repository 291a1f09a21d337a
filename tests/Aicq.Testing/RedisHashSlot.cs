namespace Aicq.Testing;

/// <summary>The Redis Cluster hash slot of a key, per the cluster spec: CRC16 (XMODEM) of its hash tag, or of the whole key, mod 16384.</summary>
public static class RedisHashSlot
{
    public const int Slots = 16384;

    public static int Of(string key)
    {
        var bytes = Encoding.UTF8.GetBytes(key);
        var open = Array.IndexOf(bytes, (byte)'{');
        if (open >= 0)
        {
            var close = Array.IndexOf(bytes, (byte)'}', open + 1);
            // An empty tag ("{}") does not count: the whole key is hashed.
            if (close > open + 1) bytes = bytes[(open + 1)..close];
        }
        return Crc16(bytes) % Slots;
    }

    private static int Crc16(byte[] bytes)
    {
        var crc = 0;
        foreach (var b in bytes)
        {
            crc ^= b << 8;
            for (var i = 0; i < 8; i++) crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            crc &= 0xFFFF;
        }
        return crc;
    }
}
