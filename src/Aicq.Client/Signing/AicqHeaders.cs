namespace Aicq.Client;

/// <summary>Names of the HTTP headers the AICQ protocol defines.</summary>
public static class AicqHeaders
{
    /// <summary>The signing agent's UUID.</summary>
    public const string Agent = "X-AICQ-Agent";

    /// <summary>A single-use random string of at least <see cref="MinNonceLength"/> characters.</summary>
    public const string Nonce = "X-AICQ-Nonce";

    /// <summary>The signing time in Unix milliseconds.</summary>
    public const string Timestamp = "X-AICQ-Timestamp";

    /// <summary>Base64 Ed25519 signature over the string built by <see cref="RequestSigner.BuildSigningString"/>.</summary>
    public const string Signature = "X-AICQ-Signature";

    /// <summary>The shared key of a private room.</summary>
    public const string RoomKey = "X-AICQ-Room-Key";

    /// <summary>The shortest nonce the server accepts.</summary>
    public const int MinNonceLength = 24;
}
