using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.Edge.Tls;

/// <summary>
/// <c>Aicq.Edge --make-dev-cert DIR [--name HOST]...</c>: writes a local CA (<c>ca.crt</c>) and a server certificate
/// it signed (<c>server.crt</c>, <c>server.key</c>) for localhost, 127.0.0.1, ::1 and every <c>--name</c>.
/// Keeps a complete existing set, so running it on every start is harmless. The CA's private key is never
/// written: nothing else can be issued under the CA that clients are told to trust.
/// </summary>
internal static class DevCertificateCommand
{
    public const string Flag = "--make-dev-cert";
    private const string Usage = "usage: Aicq.Edge --make-dev-cert DIR [--name HOST]...";
    private static readonly string[] Files = ["ca.crt", "server.crt", "server.key"];

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Flag;

    public static int Run(string[] args)
    {
        if (args.Length < 2 || args[1].StartsWith('-') || !TryReadNames(args[2..], out var extraNames))
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        var directory = Path.GetFullPath(args[1]);
        var paths = Files.Select(f => Path.Combine(directory, f)).ToArray();
        if (paths.All(File.Exists))
        {
            Console.WriteLine($"TLS certificate already present in {directory} (ca.crt, server.crt, server.key); kept.");
            return 0;
        }
        try
        {
            Directory.CreateDirectory(directory);
            Write(paths, ["localhost", "127.0.0.1", "::1", .. extraNames]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"could not write the certificate to {directory}: {e.Message}");
            return 1;
        }
        Console.WriteLine($"Wrote {paths[0]} (trust this CA), {paths[1]} and {paths[2]}.");
        return 0;
    }

    private static bool TryReadNames(string[] rest, out List<string> names)
    {
        names = [];
        for (var i = 0; i < rest.Length; i += 2)
        {
            if (rest[i] != "--name" || i + 1 >= rest.Length || rest[i + 1].Length == 0) return false;
            names.Add(rest[i + 1]);
        }
        return true;
    }

    private static void Write(string[] paths, IReadOnlyList<string> names)
    {
        var now = DateTimeOffset.UtcNow;
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=AICQ local CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddDays(-1), now.AddYears(10));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={names[0]}", serverKey, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Distinct())
        {
            if (IPAddress.TryParse(name, out var address)) san.AddIpAddress(address);
            else san.AddDnsName(name);
        }
        serverRequest.CertificateExtensions.Add(san.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        // 397 days: the longest validity that browsers and Apple platforms accept for a server certificate.
        using var server = serverRequest.Create(ca, now.AddDays(-1), now.AddDays(397), RandomNumberGenerator.GetBytes(16));

        File.WriteAllText(paths[0], ca.ExportCertificatePem() + "\n");
        File.WriteAllText(paths[1], server.ExportCertificatePem() + "\n");
        // The key file is made private before the key goes into it.
        File.WriteAllText(paths[2], "");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(paths[2], UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(paths[2], serverKey.ExportPkcs8PrivateKeyPem() + "\n");
    }
}
