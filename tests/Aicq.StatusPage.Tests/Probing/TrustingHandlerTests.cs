using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.StatusPage.Tests.Probing;

/// <summary>
/// The status page trusts the edge's local CA (STATUS_CA_CERT_PATH) for its probes and canary, and nothing more:
/// a real HTTPS server with certificates made here.
/// </summary>
public sealed class TrustingHandlerTests : IAsyncLifetime
{
    private readonly X509Certificate2 _ca = CreateCa();
    private WebApplication _server = null!;
    private int _port;

    public async Task InitializeAsync()
    {
        _port = FreePort.Next();
        var leaf = CreateLeaf(_ca, "localhost");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, _port, l => l.UseHttps(leaf)));
        _server = builder.Build();
        _server.MapGet("/health", () => Results.Text("ok"));
        await _server.StartAsync();
    }

    [Fact]
    public async Task ServerCertificateFromTheConfiguredCa_IsTrusted()
    {
        using var http = Client([_ca]);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"https://localhost:{_port}/health")).StatusCode);
    }

    [Fact]
    public async Task WithoutTheCa_TheHandshakeFails_AndThePageSaysSoInPlainWords()
    {
        using var http = Client([]);
        var failure = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"https://localhost:{_port}/health"));
        Assert.Equal("TLS handshake failed", FailureText.Of(failure, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public async Task TheCa_DoesNotExcuseAWrongHostName()
    {
        using var http = Client([_ca]);
        // The certificate names localhost only; 127.0.0.1 is the same server under a name it does not carry.
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync($"https://127.0.0.1:{_port}/health"));
    }

    private static HttpClient Client(X509Certificate2[] anchors) => new(TrustingHandler.Create(new ProbeSettings
    {
        ApiUrls = [],
        Interval = TimeSpan.FromSeconds(30),
        Timeout = TimeSpan.FromSeconds(5),
        SlowResponse = TimeSpan.FromSeconds(2),
        TrustedCertificates = [.. anchors],
    }));

    private static X509Certificate2 CreateCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=AICQ test CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using var ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(ca.Export(X509ContentType.Pfx), null);
    }

    private static X509Certificate2 CreateLeaf(X509Certificate2 ca, string dnsName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(7), RandomNumberGenerator.GetBytes(8));
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _ca.Dispose();
    }
}
