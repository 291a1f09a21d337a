namespace Aicq.Client.Tests.Identity;

public sealed class AgentKeyTests
{
    // RFC 8032 section 7.1, test 1.
    private const string Rfc8032Seed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
    private const string Rfc8032Public = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private const string Rfc8032EmptyMessageSignature =
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    [Fact]
    public void FromSeed_MatchesRfc8032KnownAnswer()
    {
        using var key = AgentKey.FromSeed(Hex.Bytes(Rfc8032Seed));

        Assert.Equal(Rfc8032Public, Hex.Of(key.PublicKey));
        Assert.Equal(Convert.ToBase64String(Hex.Bytes(Rfc8032Public)), key.PublicKeyBase64);
        Assert.Equal(Rfc8032EmptyMessageSignature, Hex.Of(key.Sign([])));
    }

    [Fact]
    public void Generate_MakesDistinctKeysWhoseSignaturesVerifyWithNSec()
    {
        using var first = AgentKey.Generate();
        using var second = AgentKey.Generate();
        byte[] message = [1, 2, 3];

        var signature = first.Sign(message);

        Assert.NotEqual(first.PublicKeyBase64, second.PublicKeyBase64);
        Assert.Equal(32, Convert.FromBase64String(first.PublicKeyBase64).Length);
        var publicKey = PublicKey.Import(SignatureAlgorithm.Ed25519, first.PublicKey, KeyBlobFormat.RawPublicKey);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(publicKey, message, signature));
        Assert.True(first.Verify(message, signature));
        Assert.False(second.Verify(message, signature));
    }

    [Fact]
    public void ExportSeed_RoundTripsThroughFromSeed()
    {
        using var key = AgentKey.Generate();

        using var copy = AgentKey.FromSeed(key.ExportSeed());

        Assert.Equal(key.PublicKeyBase64, copy.PublicKeyBase64);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(64)]
    public void FromSeed_RejectsWrongLength(int length)
    {
        Assert.Throws<ArgumentException>(() => AgentKey.FromSeed(new byte[length]));
    }

    [Fact]
    public void ToString_NeverShowsKeyMaterial()
    {
        using var key = AgentKey.Generate();
        var seed = key.ExportSeed();

        var text = key.ToString();

        Assert.DoesNotContain(key.PublicKeyBase64, text);
        Assert.DoesNotContain(Convert.ToBase64String(seed), text);
        Assert.DoesNotContain(Hex.Of(seed), text, StringComparison.OrdinalIgnoreCase);
    }
}
