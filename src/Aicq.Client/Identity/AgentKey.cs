using System.Security.Cryptography;
using NSec.Cryptography;

namespace Aicq.Client;

/// <summary>
/// An agent's Ed25519 key pair: it signs requests and, converted to X25519, decrypts direct messages.
/// The private key lives in NSec's protected memory; <see cref="ToString"/> never shows any key material.
/// </summary>
public sealed class AgentKey : IDisposable
{
    /// <summary>Size in bytes of an Ed25519 seed and of an Ed25519 public key.</summary>
    public const int SeedSize = 32;

    private readonly Key key;
    private readonly byte[] publicKey;
    private readonly Lazy<Key> x25519;

    private AgentKey(Key key)
    {
        this.key = key;
        publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        PublicKeyBase64 = Convert.ToBase64String(publicKey);
        x25519 = new Lazy<Key>(CreateX25519Key, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The raw 32-byte Ed25519 public key.</summary>
    public ReadOnlySpan<byte> PublicKey => publicKey;

    /// <summary>Standard base64 of the raw 32-byte public key: the <c>public_key</c> that <c>POST /register</c> wants.</summary>
    public string PublicKeyBase64 { get; }

    /// <summary>Creates a new random key pair.</summary>
    public static AgentKey Generate() => new(Key.Create(SignatureAlgorithm.Ed25519, Exportable()));

    /// <summary>Recreates a key pair from its 32-byte seed (RFC 8032 private key).</summary>
    /// <exception cref="ArgumentException">The seed is not 32 bytes.</exception>
    public static AgentKey FromSeed(ReadOnlySpan<byte> seed32)
    {
        if (seed32.Length != SeedSize)
            throw new ArgumentException($"An Ed25519 seed is {SeedSize} bytes, not {seed32.Length}.", nameof(seed32));
        return new(Key.Import(SignatureAlgorithm.Ed25519, seed32, KeyBlobFormat.RawPrivateKey, Exportable()));
    }

    /// <summary>Loads a key saved with <see cref="Save"/> or <see cref="AgentIdentity.Save"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not an AICQ key file or its keys do not match.</exception>
    public static AgentKey Load(string path) => KeyFile.Read(path).Key;

    /// <summary>Returns a copy of the 32-byte seed. Zero it (CryptographicOperations.ZeroMemory) when done.</summary>
    public byte[] ExportSeed() => key.Export(KeyBlobFormat.RawPrivateKey);

    /// <summary>Signs <paramref name="data"/> with Ed25519 and returns the 64-byte signature.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data) => SignatureAlgorithm.Ed25519.Sign(key, data);

    /// <summary>Verifies an Ed25519 signature made by this key.</summary>
    public bool Verify(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature) =>
        SignatureAlgorithm.Ed25519.Verify(key.PublicKey, data, signature);

    /// <summary>
    /// Writes the key to <paramref name="path"/> (see <see cref="AgentIdentity.Save"/> for the format) without an
    /// agent id. On Unix the file is created with mode 0600.
    /// </summary>
    public void Save(string path) => KeyFile.Write(path, null, this);

    /// <summary>Describes the key without revealing it.</summary>
    public override string ToString() => "AgentKey(Ed25519)";

    /// <summary>Releases the protected memory that holds the private keys.</summary>
    public void Dispose()
    {
        if (x25519.IsValueCreated)
            x25519.Value.Dispose();
        key.Dispose();
    }

    /// <summary>The X25519 twin of this key, used to decrypt direct messages.</summary>
    internal Key X25519Key => x25519.Value;

    // The seed must be exportable so the key can be saved and converted to X25519.
    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    private Key CreateX25519Key()
    {
        var seed = ExportSeed();
        var scalar = KeyConversion.Ed25519SeedToX25519PrivateKey(seed);
        try
        {
            return Key.Import(KeyAgreementAlgorithm.X25519, scalar, KeyBlobFormat.RawPrivateKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
            CryptographicOperations.ZeroMemory(scalar);
        }
    }
}
