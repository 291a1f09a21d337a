using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Aicq.StatusPage.Settings;

namespace Aicq.StatusPage.Probing;

/// <summary>
/// The HTTP stack of every outgoing call (probes and the synthetic agent): short connect timeouts, no redirects,
/// and, when <c>STATUS_CA_CERT_PATH</c> is set, a server certificate is also accepted when it chains to that CA
/// (the edge's local CA), with the host name still checked.
/// </summary>
internal static class TrustingHandler
{
    public static SocketsHttpHandler Create(ProbeSettings settings)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectTimeout = settings.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            UseCookies = false,
        };
        if (settings.TrustedCertificates.Count > 0)
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, chain, errors) =>
                Validate(settings.TrustedCertificates, certificate, chain, errors);
        return handler;
    }

    internal static bool Validate(X509Certificate2Collection anchors, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None) return true;
        // A wrong host name or a missing certificate is never forgiven; only the trust anchor is ours to add.
        if (errors != SslPolicyErrors.RemoteCertificateChainErrors || certificate is null) return false;
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(anchors);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (chain is not null)
            foreach (var element in chain.ChainElements) custom.ChainPolicy.ExtraStore.Add(element.Certificate);
        return custom.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
