using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.Smoke;

/// <summary>The one HttpClient every step uses: the deployment's base URL, and an extra CA when given.</summary>
internal static class SmokeHttp
{
    public static HttpClient Create(SmokeOptions options)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        if (options.CaFile is { } caFile)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPemFile(caFile);
            handler.SslOptions = new SslClientAuthenticationOptions
            {
                // Trust exactly the given CA (the appliance's), still checking the host name and validity.
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is not null && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == 0 && ChainsTo(certificate, roots),
            };
        }
        return new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = options.Timeout };
    }

    private static bool ChainsTo(X509Certificate certificate, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
