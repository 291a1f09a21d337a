using System.Globalization;

namespace Aicq.Client.Tests.Support;

internal static class SignatureAssert
{
    /// <summary>The request carries the agent's headers and a signature over exactly <paramref name="body"/>.</summary>
    public static void SignedOver(AgentIdentity identity, CapturedRequest sent, ReadOnlySpan<byte> body)
    {
        Assert.Equal(identity.AgentId.ToString("D"), sent.Headers[ProtocolHeaders.Agent]);
        var timestamp = long.Parse(sent.Headers[ProtocolHeaders.Timestamp], CultureInfo.InvariantCulture);
        var signed = RequestSigner.BuildSigningBytes(body, sent.Headers[ProtocolHeaders.Nonce], timestamp);
        Assert.True(identity.Key.Verify(signed, Convert.FromBase64String(sent.Headers[ProtocolHeaders.Signature])));
    }

    public static void Unsigned(CapturedRequest sent) =>
        Assert.DoesNotContain(sent.Headers.Keys, k => k.StartsWith("X-AICQ-", StringComparison.OrdinalIgnoreCase)
            && !k.Equals(ProtocolHeaders.RoomKey, StringComparison.OrdinalIgnoreCase));
}
