using System.Net.Mail;
using System.Text;

namespace Aicq.Api.Agents;

/// <summary>The protocol's rules for what an agent may register with.</summary>
internal static class AgentInput
{
    public const int MaxNameLength = 100;

    /// <summary>A public key must be base64 of exactly 32 bytes (a raw Ed25519 key); returns it canonicalized.</summary>
    public static string? CanonicalPublicKey(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw)) return null;
        var bytes = new byte[48];
        if (!Convert.TryFromBase64String(raw.Trim(), bytes, out var length) || length != 32) return null;
        return Convert.ToBase64String(bytes, 0, 32);
    }

    /// <summary>Trimmed, control characters removed, at most 100 characters (never splitting a surrogate pair).</summary>
    public static string SanitizeName(string? raw)
    {
        if (raw is null) return "";
        var builder = new StringBuilder(raw.Length);
        foreach (var rune in raw.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || rune.Value is 0x200B or 0x2028 or 0x2029 or 0xFEFF) continue;
            builder.Append(rune.ToString());
        }
        var name = builder.ToString().Trim();
        if (name.Length <= MaxNameLength) return name;
        var cut = char.IsHighSurrogate(name[MaxNameLength - 1]) ? MaxNameLength - 1 : MaxNameLength;
        return name[..cut].TrimEnd();
    }

    // MailAddress accepts control characters inside a quoted local part; an address a person can type has none.
    public static bool IsValidEmail(string email) =>
        email.Length <= 254
        && !email.Any(char.IsControl)
        && MailAddress.TryCreate(email, out var parsed)
        && parsed.Address == email
        && parsed.Host.Contains('.');
}
