using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.StatusPage.Settings;

/// <summary>The trust-anchor file setting, in the shape <c>SettingsReader.Parse</c> expects.</summary>
internal static class PemCertificates
{
    /// <summary>Every certificate of a PEM file; an empty value means none.</summary>
    public static (X509Certificate2Collection?, string?) Parse(string raw)
    {
        var certificates = new X509Certificate2Collection();
        if (raw.Length == 0) return (certificates, null);
        try
        {
            certificates.ImportFromPemFile(raw);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
        {
            return (null, $"must name a readable PEM certificate file ({e.GetType().Name} reading '{raw}')");
        }
        return certificates.Count == 0 ? (null, $"names a file without a PEM certificate ('{raw}')") : (certificates, null);
    }
}
