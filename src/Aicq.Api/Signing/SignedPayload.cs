using System.Security.Cryptography;
using System.Text;

namespace Aicq.Api.Signing;

/// <summary>The bytes an agent signs: sha256_lowercase_hex(body) | nonce | timestamp, with "{}" for an empty body.</summary>
internal static class SignedPayload
{
    private static readonly byte[] EmptyBody = "{}"u8.ToArray();

    public static byte[] Build(ReadOnlySpan<byte> body, string nonce, string timestamp)
    {
        var hash = SHA256.HashData(body.IsEmpty ? EmptyBody : body);
        return Encoding.UTF8.GetBytes($"{Convert.ToHexStringLower(hash)}|{nonce}|{timestamp}");
    }
}
