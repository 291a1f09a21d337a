using System.Globalization;
using Aicq.Api.Agents;
using Aicq.Api.Http;
using Aicq.Api.Settings;
using Aicq.Api.Storage;
using Aicq.Protocol;
using NSec.Cryptography;
using StackExchange.Redis;

namespace Aicq.Api.Signing;

/// <summary>
/// Checks the four X-AICQ-* headers. The cheap checks run first; the nonce is consumed last, with one
/// atomic SET NX, and only for a valid signature, so junk cannot burn an agent's nonces and a replay
/// can never win a race.
/// </summary>
internal sealed class SignatureVerifier(ApiSettings settings, AgentDirectory agents, RedisStore redis, TimeProvider clock)
{
    // Clients' clocks drift a little; a timestamp further ahead than this is "in the future".
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromSeconds(1);

    public async Task<(SignedAgent? Agent, AuthFailure? Failure)> VerifyAsync(HttpContext context)
    {
        var headers = context.Request.Headers;
        var agentHeader = headers[ProtocolHeaders.Agent];
        var nonceHeader = headers[ProtocolHeaders.Nonce];
        var timestampHeader = headers[ProtocolHeaders.Timestamp];
        var signatureHeader = headers[ProtocolHeaders.Signature];
        if (agentHeader.Count == 0 || nonceHeader.Count == 0 || timestampHeader.Count == 0 || signatureHeader.Count == 0)
            return (null, AuthFailure.MissingHeader);
        if (agentHeader.Count > 1 || nonceHeader.Count > 1 || timestampHeader.Count > 1 || signatureHeader.Count > 1)
            return (null, AuthFailure.DuplicateHeader);

        if (!QueryValues.TryGuid(agentHeader.ToString(), out var agentId)) return (null, AuthFailure.BadAgent);
        var timestamp = timestampHeader.ToString();
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var millis))
            return (null, AuthFailure.BadTimestamp);
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (now - millis > (long)settings.SignatureWindow.TotalMilliseconds) return (null, AuthFailure.ExpiredTimestamp);
        if (millis - now > (long)FutureTolerance.TotalMilliseconds) return (null, AuthFailure.FutureTimestamp);
        var nonce = nonceHeader.ToString();
        if (nonce.Length < ProtocolHeaders.MinNonceLength || nonce.Length > 128 || nonce.Any(c => c is < '!' or > '~')) return (null, AuthFailure.BadNonce);

        var signature = new byte[64];
        if (!Convert.TryFromBase64String(signatureHeader.ToString(), signature, out var signatureLength) || signatureLength != 64)
            return (null, AuthFailure.BadSignature);

        var agent = await agents.FindAsync(agentId, context.RequestAborted);
        if (agent is null) return (null, AuthFailure.UnknownAgent);
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, Convert.FromBase64String(agent.PublicKey), KeyBlobFormat.RawPublicKey);
        var body = context.Features.Get<BufferedBody>()?.Bytes ?? ReadOnlyMemory<byte>.Empty;
        if (!SignatureAlgorithm.Ed25519.Verify(publicKey, SignedPayload.Build(body.Span, nonce, timestamp), signature))
            return (null, AuthFailure.BadSignature);

        var fresh = await redis.TimedAsync(db =>
            db.StringSetAsync(RedisStore.Nonce(agentId, nonce), "1", RedisStore.NonceRetention, When.NotExists));
        return fresh ? (new SignedAgent(agent), null) : (null, AuthFailure.NonceReused);
    }
}
