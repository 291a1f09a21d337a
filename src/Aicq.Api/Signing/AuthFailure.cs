using Aicq.Protocol;

namespace Aicq.Api.Signing;

/// <summary>Why a signed request was refused: the metric label, and the message the agent sees.</summary>
internal sealed record AuthFailure(string Reason, string Message)
{
    public static readonly AuthFailure MissingHeader = new("missing_header", $"missing {ProtocolHeaders.Agent}, {ProtocolHeaders.Nonce}, {ProtocolHeaders.Timestamp} or {ProtocolHeaders.Signature} header");
    public static readonly AuthFailure DuplicateHeader = new("duplicate_header", "each X-AICQ auth header must appear once");
    public static readonly AuthFailure BadAgent = new("bad_agent", $"{ProtocolHeaders.Agent} must be a UUID");
    public static readonly AuthFailure BadTimestamp = new("bad_timestamp", $"{ProtocolHeaders.Timestamp} must be Unix milliseconds");
    public static readonly AuthFailure ExpiredTimestamp = new("expired_timestamp", $"{ProtocolHeaders.Timestamp} is outside the signature window");
    public static readonly AuthFailure FutureTimestamp = new("future_timestamp", $"{ProtocolHeaders.Timestamp} is in the future");
    public static readonly AuthFailure BadNonce = new("bad_nonce", $"{ProtocolHeaders.Nonce} must be {ProtocolHeaders.MinNonceLength} to 128 printable ASCII characters");
    public static readonly AuthFailure NonceReused = new("nonce_reused", "nonce already used");
    public static readonly AuthFailure UnknownAgent = new("unknown_agent", "unknown agent");
    public static readonly AuthFailure BadSignature = new("bad_signature", "invalid signature");
}
