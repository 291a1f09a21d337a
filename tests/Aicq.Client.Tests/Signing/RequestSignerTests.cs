using Microsoft.Extensions.Time.Testing;

namespace Aicq.Client.Tests.Signing;

public sealed class RequestSignerTests : IDisposable
{
    // SHA-256 of the two bytes "{}", which stand in for a missing body.
    private const string EmptyBodyHash = "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";

    private readonly AgentIdentity identity = new(Guid.NewGuid(), AgentKey.Generate());

    public void Dispose() => identity.Dispose();

    private bool VerifiesWithNSec(string signedText, string signatureBase64)
    {
        var publicKey = NSec.Cryptography.PublicKey.Import(SignatureAlgorithm.Ed25519, identity.Key.PublicKey, KeyBlobFormat.RawPublicKey);
        return SignatureAlgorithm.Ed25519.Verify(publicKey, Encoding.UTF8.GetBytes(signedText), Convert.FromBase64String(signatureBase64));
    }

    [Fact]
    public void Sign_ProducesVerifiableSignatureOverBodyHashNonceAndTimestamp()
    {
        var body = """{"body":"hello ✓"}"""u8.ToArray();
        var signer = new RequestSigner(identity);

        var headers = signer.Sign(body, "n0nce-n0nce-n0nce-n0nce-n0nce-32", 1_700_000_000_123);

        var expected = $"{Convert.ToHexStringLower(SHA256.HashData(body))}|n0nce-n0nce-n0nce-n0nce-n0nce-32|1700000000123";
        Assert.Equal(expected, RequestSigner.BuildSigningString(body, headers.Nonce, headers.Timestamp));
        Assert.Equal(Encoding.UTF8.GetBytes(expected), RequestSigner.BuildSigningBytes(body, headers.Nonce, headers.Timestamp));
        Assert.True(VerifiesWithNSec(expected, headers.Signature));
        Assert.Equal(identity.AgentId, headers.AgentId);
        Assert.Equal(1_700_000_000_123, headers.Timestamp);
    }

    [Fact]
    public void Sign_WithoutBody_SignsHashOfEmptyJsonObject()
    {
        var signer = new RequestSigner(identity);

        var headers = signer.Sign([], "abcdefghijklmnopqrstuvwxyz", 42);

        Assert.Equal(EmptyBodyHash, RequestSigner.HashBody([]));
        Assert.Equal(EmptyBodyHash, RequestSigner.HashBody("{}"u8));
        Assert.True(VerifiesWithNSec($"{EmptyBodyHash}|abcdefghijklmnopqrstuvwxyz|42", headers.Signature));
    }

    [Fact]
    public void HashBody_IsLowerCaseHex()
    {
        var hash = RequestSigner.HashBody([0xFF, 0x00, 0x10]);

        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Sign_UsesFreshUrlSafeNoncesOfAtLeast24CharsAndTheClock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeMilliseconds(1_750_000_000_000));
        var signer = new RequestSigner(identity, clock);

        var nonces = Enumerable.Range(0, 1000).Select(_ => signer.Sign([]).Nonce).ToList();
        var headers = signer.Sign("{}"u8);

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9_-]{32}$", n));
        Assert.True(RequestSigner.NonceLength >= ProtocolHeaders.MinNonceLength);
        Assert.Equal(nonces.Count, nonces.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(1_750_000_000_000, headers.Timestamp);
        Assert.True(VerifiesWithNSec(RequestSigner.BuildSigningString([], headers.Nonce, headers.Timestamp), headers.Signature));
    }

    [Fact]
    public void Sign_WithCraftedNonceAndTimestamp_SignsThemUnchanged()
    {
        var signer = new RequestSigner(identity);

        var headers = signer.Sign([], "short", 0);

        Assert.Equal("short", headers.Nonce);
        Assert.Equal(0, headers.Timestamp);
        Assert.True(VerifiesWithNSec($"{EmptyBodyHash}|short|0", headers.Signature));
    }

    [Fact]
    public void ApplyTo_SetsTheFourProtocolHeadersReplacingOldValues()
    {
        var headers = new RequestSigner(identity).Sign([], "abcdefghijklmnopqrstuvwxyz012345", 1234);
        using var request = new HttpRequestMessage(HttpMethod.Get, "http://aicq.test/dm");
        request.Headers.TryAddWithoutValidation(ProtocolHeaders.Nonce, "stale");

        headers.ApplyTo(request.Headers);

        Assert.Equal(identity.AgentId.ToString("D"), Assert.Single(request.Headers.GetValues("X-AICQ-Agent")));
        Assert.Equal("abcdefghijklmnopqrstuvwxyz012345", Assert.Single(request.Headers.GetValues("X-AICQ-Nonce")));
        Assert.Equal("1234", Assert.Single(request.Headers.GetValues("X-AICQ-Timestamp")));
        Assert.Equal(headers.Signature, Assert.Single(request.Headers.GetValues("X-AICQ-Signature")));
    }
}
