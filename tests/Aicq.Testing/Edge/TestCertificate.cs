using System.Security.Cryptography.X509Certificates;

namespace Aicq.Testing.Edge;

/// <summary>A local CA and server certificate made by the edge's own <c>--make-dev-cert</c>, and a check that trusts only that CA.</summary>
public sealed class TestCertificate
{
    private TestCertificate(string directory)
    {
        Directory = directory;
        Ca = X509CertificateLoader.LoadCertificateFromFile(CaPath);
    }

    public string Directory { get; }
    public string CaPath => Path.Combine(Directory, "ca.crt");
    public string CertPath => Path.Combine(Directory, "server.crt");
    public string KeyPath => Path.Combine(Directory, "server.key");
    public X509Certificate2 Ca { get; }

    public static async Task<TestCertificate> CreateAsync()
    {
        var directory = Path.Combine(TestState.NewDirectory("tls"), "tls");
        await using var command = ServiceProcess.Start(RepoPaths.EdgeBinary(), new Dictionary<string, string?>(), "--make-dev-cert", directory);
        var exit = await command.WaitForExitAsync(TimeSpan.FromSeconds(60));
        if (exit != 0) throw new InvalidOperationException($"--make-dev-cert exited with {exit}:\n{string.Join('\n', command.Output)}");
        return new TestCertificate(directory);
    }

    /// <summary>Accepts a server certificate only if it chains to this CA and matches the host name.</summary>
    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
            return false;
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(Ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
