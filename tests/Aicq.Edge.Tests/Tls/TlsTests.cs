using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.Edge.Tests.Tls;

/// <summary>The certificate from configuration (PEM pair or PFX), TLS 1.2+ only, and the local CA command the launcher calls.</summary>
[Collection(ApplianceCollection.Name)]
public sealed class TlsTests(ApplianceFixture appliance)
{
    [Fact]
    public async Task MakeDevCert_WritesACaAndALoopbackServerCertificate_AndKeepsThemOnASecondRun()
    {
        var directory = Path.Combine(TestState.NewDirectory("devcert"), "tls");
        Assert.Equal(0, await RunEdgeAsync("--make-dev-cert", directory, "--name", "aicq.local"));
        var tls = new DirectoryInfo(directory);
        var serverKey = Path.Combine(directory, "server.key");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(serverKey));
        Assert.DoesNotContain(tls.GetFiles(), f => f.Name.Contains("ca.key"));

        using var ca = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(directory, "ca.crt"));
        using var server = X509Certificate2.CreateFromPemFile(Path.Combine(directory, "server.crt"), serverKey);
        Assert.True(server.HasPrivateKey);
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        Assert.True(chain.Build(server), string.Join(", ", chain.ChainStatus.Select(s => s.StatusInformation)));
        Assert.True(server.MatchesHostname("127.0.0.1"));
        Assert.True(server.MatchesHostname("localhost"));
        Assert.True(server.MatchesHostname("aicq.local"));

        var before = await File.ReadAllBytesAsync(serverKey);
        Assert.Equal(0, await RunEdgeAsync("--make-dev-cert", directory));
        Assert.Equal(before, await File.ReadAllBytesAsync(serverKey));
        Assert.Equal(2, await RunEdgeAsync("--make-dev-cert"));
    }

    [Theory]
    [InlineData(SslProtocols.Tls12)]
    [InlineData(SslProtocols.Tls13)]
    public async Task Https_AcceptsTls12AndTls13(SslProtocols protocol)
    {
        await using var tls = await ConnectAsync(protocol);
        Assert.Equal(protocol, tls.SslProtocol);
    }

    [Fact]
    public async Task Https_RefusesTls11()
    {
#pragma warning disable SYSLIB0039 // Deliberately the obsolete protocol: the edge must refuse it.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var tls = await ConnectAsync(SslProtocols.Tls11);
        });
#pragma warning restore SYSLIB0039
    }

    [Fact]
    public async Task PfxCertificate_IsServed()
    {
        var directory = TestState.NewDirectory("pfx");
        var pfxPath = Path.Combine(directory, "server.pfx");
        var passwordPath = Path.Combine(directory, "password");
        using (var pem = X509Certificate2.CreateFromPemFile(appliance.Tls.CertPath, appliance.Tls.KeyPath))
            await File.WriteAllBytesAsync(pfxPath, pem.Export(X509ContentType.Pkcs12, "s3cret-pfx"));
        await File.WriteAllTextAsync(passwordPath, "s3cret-pfx\n");

        await using var edge = await EdgeProcess.StartAsync(appliance.Tls, [appliance.Api1.BaseUrl], appliance.EdgeRedisUrl, new Dictionary<string, string?>
        {
            ["TLS_CERT_PATH"] = null,
            ["TLS_KEY_PATH"] = null,
            ["TLS_PFX_PATH"] = pfxPath,
            ["TLS_PFX_PASSWORD_FILE"] = passwordPath,
        });
        using var client = edge.Client(ClientAddresses.Next());
        using var response = await client.GetAsync("/api");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<SslStream> ConnectAsync(SslProtocols protocol)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, appliance.Edge.HttpsPort);
        var tls = new SslStream(tcp.GetStream(), false, (_, certificate, _, errors) => appliance.Tls.Validate(certificate, errors));
        try
        {
            await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "127.0.0.1", EnabledSslProtocols = protocol });
            return tls;
        }
        catch
        {
            await tls.DisposeAsync();
            tcp.Dispose();
            throw;
        }
    }

    internal static async Task<int> RunEdgeAsync(params string[] args)
    {
        await using var process = ServiceProcess.Start(RepoPaths.EdgeBinary(), new Dictionary<string, string?>(), args);
        return await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
    }
}
