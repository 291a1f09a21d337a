using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Aicq.Client;

/// <summary>
/// <see cref="HttpClient"/>s for an AICQ server, trusting either the system's CAs or one CA file only: the
/// appliance's edge presents a certificate from its own local CA (<c>.aicq/tls/ca.crt</c>), which no system trusts.
/// This is what <c>curl --cacert</c>, Python's <c>requests(verify=...)</c> and Node's <c>ca</c> option do; the
/// server's host name is still checked.
/// </summary>
public static class AicqHttp
{
    /// <summary>A client of <paramref name="baseUrl"/>, e.g. <c>https://127.0.0.1:8443</c>.</summary>
    /// <param name="baseUrl">The server; a trailing <c>/</c> is added so calls resolve below a base path.</param>
    /// <param name="caFile">A PEM file of the CA(s) to trust instead of the system's; null for the system's.</param>
    /// <exception cref="FileNotFoundException">The CA file does not exist.</exception>
    /// <exception cref="InvalidDataException">The CA file holds no PEM certificate.</exception>
    public static HttpClient Create(string baseUrl, string? caFile = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        return Create(new Uri(baseUrl, UriKind.Absolute), caFile);
    }

    /// <inheritdoc cref="Create(string, string?)" />
    public static HttpClient Create(Uri baseUrl, string? caFile = null)
    {
        ArgumentNullException.ThrowIfNull(baseUrl);
        var withSlash = baseUrl.AbsolutePath.EndsWith('/') ? baseUrl : new Uri(baseUrl + "/");
        return new HttpClient(CreateHandler(caFile)) { BaseAddress = withSlash };
    }

    /// <summary>
    /// The handler behind <see cref="Create(string, string?)"/>, for a pipeline of your own
    /// (e.g. inside an <see cref="AicqSigningHandler"/>). A refused certificate fails with an
    /// <see cref="HttpRequestException"/> that names the CA file it was checked against.
    /// </summary>
    /// <param name="caFile">A PEM file of the CA(s) to trust instead of the system's; null for the system's.</param>
    public static HttpMessageHandler CreateHandler(string? caFile = null) => CreateHandler(caFile, new SocketsHttpHandler());

    /// <summary>
    /// As <see cref="CreateHandler(string?)"/>, over a <paramref name="sockets"/> handler of your own settings
    /// (timeouts, redirects, pooling); its TLS trust is set here.
    /// </summary>
    public static HttpMessageHandler CreateHandler(string? caFile, SocketsHttpHandler sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        if (caFile is null) return sockets;
        sockets.SslOptions = new SslClientAuthenticationOptions { CertificateChainPolicy = OnlyTrusting(LoadCertificates(caFile)) };
        return new CaTrustErrors(Path.GetFullPath(caFile), sockets);
    }

    // CustomRootTrust: the chain must end at a certificate of this file, whatever the system store holds. A local
    // CA publishes no revocation list, so asking for one would refuse every certificate it signed.
    private static X509ChainPolicy OnlyTrusting(X509Certificate2Collection certificates)
    {
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(certificates);
        return policy;
    }

    private static X509Certificate2Collection LoadCertificates(string caFile)
    {
        if (!File.Exists(caFile))
            throw new FileNotFoundException($"The CA file '{caFile}' does not exist (for ./aicq up it is .aicq/tls/ca.crt).", caFile);
        var certificates = new X509Certificate2Collection();
        certificates.ImportFromPemFile(caFile);
        return certificates.Count > 0 ? certificates
            : throw new InvalidDataException($"The CA file '{caFile}' holds no PEM certificate (-----BEGIN CERTIFICATE-----).");
    }
}
