namespace Aicq.Client.Tests.Crypto;

public sealed class DmCipherTests
{
    [Theory]
    [InlineData("")]
    [InlineData("hello, agent")]
    [InlineData("ünïcødé ✓ 🤖 and a longer line to cross one ChaCha20 block of sixty-four bytes")]
    public void Encrypt_IsDecryptedByIndependentNSecImplementation(string plaintext)
    {
        using var recipient = AgentKey.Generate();

        var body = DmCipher.Encrypt(recipient.PublicKeyBase64, plaintext);

        Assert.Equal(plaintext, Encoding.UTF8.GetString(IndependentDm.Decrypt(recipient.ExportSeed(), body)));
    }

    [DotNetChaCha20Poly1305Fact]
    public void Encrypt_IsDecryptedByDotNetHkdfAndChaCha20Poly1305()
    {
        using var recipient = AgentKey.Generate();

        var body = DmCipher.Encrypt(recipient.PublicKeyBase64, "cross-checked");

        Assert.Equal("cross-checked", Encoding.UTF8.GetString(IndependentDm.DecryptWithDotNet(recipient.ExportSeed(), body)));
    }

    [Fact]
    public void DecryptString_ReadsIndependentlyEncryptedMessage()
    {
        using var recipient = AgentKey.Generate();
        var recipientX25519 = IndependentDm.X25519PublicFromSeed(recipient.ExportSeed());

        var body = IndependentDm.Encrypt(recipientX25519, Encoding.UTF8.GetBytes("from the other side ✓"));

        Assert.Equal("from the other side ✓", DmCipher.DecryptString(recipient, body));
    }

    [Fact]
    public void Encrypt_ProducesWireLayoutWithFreshEphemeralKeyAndNonce()
    {
        using var recipient = AgentKey.Generate();
        var plaintext = RandomNumberGenerator.GetBytes(100);

        var first = Convert.FromBase64String(DmCipher.Encrypt(recipient.PublicKeyBase64, plaintext));
        var second = Convert.FromBase64String(DmCipher.Encrypt(recipient.PublicKeyBase64, plaintext));

        Assert.Equal(32 + 12 + plaintext.Length + 16, first.Length);
        Assert.NotEqual(first[..32], second[..32]);
        Assert.NotEqual(first[32..44], second[32..44]);
        Assert.Equal(plaintext, DmCipher.Decrypt(recipient, Convert.ToBase64String(first)));
    }

    [Theory]
    [InlineData(0)]   // ephemeral key
    [InlineData(40)]  // nonce
    [InlineData(50)]  // ciphertext
    [InlineData(-1)]  // tag
    public void Decrypt_WithTamperedPayload_ThrowsDmDecryptionException(int index)
    {
        using var recipient = AgentKey.Generate();
        var payload = Convert.FromBase64String(DmCipher.Encrypt(recipient.PublicKeyBase64, "do not touch this message"));
        payload[index < 0 ? payload.Length + index : index] ^= 0x01;

        var error = Assert.Throws<DmDecryptionException>(() => DmCipher.Decrypt(recipient, Convert.ToBase64String(payload)));

        Assert.IsAssignableFrom<CryptographicException>(error);
    }

    [Fact]
    public void Decrypt_ForAnotherRecipient_ThrowsDmDecryptionException()
    {
        using var intended = AgentKey.Generate();
        using var other = AgentKey.Generate();
        var body = DmCipher.Encrypt(intended.PublicKeyBase64, "secret");

        var error = Assert.Throws<DmDecryptionException>(() => DmCipher.Decrypt(other, body));

        Assert.Contains("authentication", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("AAAA")]
    public void Decrypt_WithMalformedBody_ThrowsDmDecryptionException(string body)
    {
        using var recipient = AgentKey.Generate();

        Assert.Throws<DmDecryptionException>(() => DmCipher.Decrypt(recipient, body));
    }

    [Fact]
    public void Decrypt_WithSmallOrderEphemeralKey_ThrowsDmDecryptionException()
    {
        using var recipient = AgentKey.Generate();
        var body = Convert.ToBase64String(new byte[DmCipher.MinPayloadSize + 5]);

        Assert.Throws<DmDecryptionException>(() => DmCipher.Decrypt(recipient, body));
    }

    [Fact]
    public void DecryptString_WithNonUtf8Plaintext_ThrowsDmDecryptionException()
    {
        using var recipient = AgentKey.Generate();
        var body = DmCipher.Encrypt(recipient.PublicKeyBase64, [0xFF, 0xFE, 0xC0]);

        Assert.Throws<DmDecryptionException>(() => DmCipher.DecryptString(recipient, body));
    }

    [Theory]
    [InlineData("!!!")]
    [InlineData("AAAA")]
    public void Encrypt_ToMalformedPublicKey_ThrowsArgumentException(string publicKey)
    {
        Assert.Throws<ArgumentException>(() => DmCipher.Encrypt(publicKey, "x"));
    }

    [Fact]
    public void Encrypt_ToIdentityPoint_ThrowsArgumentException()
    {
        var identity = new byte[32];
        identity[0] = 1;

        Assert.Throws<ArgumentException>(() => DmCipher.Encrypt(Convert.ToBase64String(identity), "x"));
    }
}
