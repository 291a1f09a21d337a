using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aicq.ServiceDefaults.Settings;

namespace Aicq.Edge.Tls;

/// <summary>The HTTPS certificate: a PEM pair (TLS_CERT_PATH + TLS_KEY_PATH) or a PFX (TLS_PFX_PATH + TLS_PFX_PASSWORD_FILE).</summary>
internal sealed record TlsSettings
{
    /// <summary>Null only when the HTTPS port is off (TLS terminated by a platform proxy).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>Intermediate certificates sent along with the server certificate.</summary>
    public X509Certificate2Collection Chain { get; init; } = [];

    public static TlsSettings Read(SettingsReader reader, bool required)
    {
        var certPath = reader.OptionalString("TLS_CERT_PATH");
        var keyPath = reader.OptionalString("TLS_KEY_PATH");
        var pfxPath = reader.OptionalString("TLS_PFX_PATH");
        var pfxPasswordFile = reader.OptionalString("TLS_PFX_PASSWORD_FILE");
        if (pfxPath is not null && (certPath is not null || keyPath is not null))
        {
            reader.Fail("TLS_PFX_PATH", "and TLS_CERT_PATH/TLS_KEY_PATH are both set; use one certificate source");
            return new TlsSettings();
        }
        if (pfxPath is null && certPath is null && keyPath is null)
        {
            if (required) reader.Fail("TLS_CERT_PATH", "is required while EDGE_HTTPS_PORT is on (or set TLS_PFX_PATH; make a local one with --make-dev-cert DIR)");
            return new TlsSettings();
        }
        if (pfxPath is null && (certPath is null || keyPath is null))
        {
            reader.Fail(certPath is null ? "TLS_CERT_PATH" : "TLS_KEY_PATH", "is required when the other half of the PEM pair is set");
            return new TlsSettings();
        }
        try
        {
            return pfxPath is not null ? LoadPfx(pfxPath, pfxPasswordFile) : LoadPem(certPath!, keyPath!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            reader.Fail(pfxPath is not null ? "TLS_PFX_PATH" : "TLS_CERT_PATH", $"could not be loaded: {e.Message}");
            return new TlsSettings();
        }
    }

    private static TlsSettings LoadPem(string certPath, string keyPath)
    {
        var leaf = X509Certificate2.CreateFromPemFile(certPath, keyPath);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certPath);
        return Checked(leaf, all.Where(c => c.Thumbprint != leaf.Thumbprint));
    }

    private static TlsSettings LoadPfx(string pfxPath, string? passwordFile)
    {
        var password = passwordFile is null ? null : File.ReadAllText(passwordFile).TrimEnd('\r', '\n');
        var all = X509CertificateLoader.LoadPkcs12CollectionFromFile(pfxPath, password);
        var leaf = all.FirstOrDefault(c => c.HasPrivateKey)
            ?? throw new CryptographicException("the PFX holds no certificate with a private key");
        return Checked(leaf, all.Where(c => c.Thumbprint != leaf.Thumbprint));
    }

    private static TlsSettings Checked(X509Certificate2 leaf, IEnumerable<X509Certificate2> chain)
    {
        if (leaf.NotAfter < DateTime.Now) throw new CryptographicException($"the certificate expired on {leaf.NotAfter:u}");
        return new TlsSettings { Certificate = leaf, Chain = [.. chain] };
    }
}
