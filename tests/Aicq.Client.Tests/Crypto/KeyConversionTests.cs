namespace Aicq.Client.Tests.Crypto;

public sealed class KeyConversionTests
{
    // libsodium test/default/ed25519_convert: the key pair made from this seed converts to these X25519 keys.
    private const string LibsodiumSeed = "421151a459faeade3d247115f94aedae42318124095afabe4d1451a559faedee";
    private const string LibsodiumX25519Public = "f1814f0e8ff1043d8a44d25babff3cedcae6c22c3edaa48f857ae70de2baae50";
    private const string LibsodiumX25519Private = "8052030376d47112be7f73ed7a019293dd12ad910b654455798b4667d73de166";

    [Fact]
    public void Ed25519PublicKeyToX25519_MatchesLibsodiumKnownAnswer()
    {
        using var key = AgentKey.FromSeed(Hex.Bytes(LibsodiumSeed));

        Assert.Equal(LibsodiumX25519Public, Hex.Of(KeyConversion.Ed25519PublicKeyToX25519(key.PublicKey)));
    }

    [Fact]
    public void Ed25519SeedToX25519PrivateKey_MatchesLibsodiumKnownAnswer()
    {
        Assert.Equal(LibsodiumX25519Private, Hex.Of(KeyConversion.Ed25519SeedToX25519PrivateKey(Hex.Bytes(LibsodiumSeed))));
    }

    [Fact]
    public void Ed25519PublicKeyToX25519_EqualsX25519PublicOfClampedSeedHash_ForManyRandomKeys()
    {
        for (var i = 0; i < 200; i++)
        {
            using var key = AgentKey.Generate();
            var seed = key.ExportSeed();

            var converted = KeyConversion.Ed25519PublicKeyToX25519(key.PublicKey);

            Assert.Equal(Hex.Of(IndependentDm.X25519PublicFromSeed(seed)), Hex.Of(converted));
        }
    }

    [Fact]
    public void Ed25519SeedToX25519PrivateKey_IsClampedSha512Prefix()
    {
        var seed = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);

        Assert.Equal(IndependentDm.X25519PrivateFromSeed(seed), KeyConversion.Ed25519SeedToX25519PrivateKey(seed));
    }

    [Theory]
    [InlineData("0100000000000000000000000000000000000000000000000000000000000000")] // identity, y = 1
    [InlineData("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // order 2, y = -1
    [InlineData("0000000000000000000000000000000000000000000000000000000000000000")] // order 4, y = 0
    [InlineData("26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05")] // order 8
    [InlineData("c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a")] // order 8
    public void Ed25519PublicKeyToX25519_RejectsSmallOrderPoints(string hex)
    {
        Assert.Throws<ArgumentException>(() => KeyConversion.Ed25519PublicKeyToX25519(Hex.Bytes(hex)));
    }

    [Fact]
    public void Ed25519PublicKeyToX25519_RejectsMixedOrderPoint()
    {
        // RFC 8032 test 1 public key plus the order-8 point 26e8958f…, computed with an independent script.
        var mixed = Hex.Bytes("3b5b475c4b82dd1572799fc546f4c6c03e478c6654aa4c7f945b347ea32af60d");

        Assert.Throws<ArgumentException>(() => KeyConversion.Ed25519PublicKeyToX25519(mixed));
    }

    [Theory]
    [InlineData("0200000000000000000000000000000000000000000000000000000000000000")] // y = 2 is not on the curve
    [InlineData("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y = p, not canonical
    [InlineData("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")] // y > p
    public void Ed25519PublicKeyToX25519_RejectsNonPoints(string hex)
    {
        Assert.Throws<ArgumentException>(() => KeyConversion.Ed25519PublicKeyToX25519(Hex.Bytes(hex)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31)]
    [InlineData(33)]
    public void Conversions_RejectWrongLengths(int length)
    {
        Assert.Throws<ArgumentException>(() => KeyConversion.Ed25519PublicKeyToX25519(new byte[length]));
        Assert.Throws<ArgumentException>(() => KeyConversion.Ed25519SeedToX25519PrivateKey(new byte[length]));
    }
}
