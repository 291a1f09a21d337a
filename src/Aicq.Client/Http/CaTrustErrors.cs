using System.Security.Authentication;

namespace Aicq.Client;

/// <summary>
/// Turns a refused server certificate into an error that says what was checked: the bare one ("The SSL connection
/// could not be established, see inner exception") names neither the server nor the CA it was checked against.
/// </summary>
internal sealed class CaTrustErrors(string caFile, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException refused)
        {
            throw Explain(request, e, refused);
        }
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return base.Send(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException refused)
        {
            throw Explain(request, e, refused);
        }
    }

    private HttpRequestException Explain(HttpRequestMessage request, HttpRequestException e, AuthenticationException refused) =>
        new(HttpRequestError.SecureConnectionError,
            $"The TLS certificate of {request.RequestUri?.GetLeftPart(UriPartial.Authority) ?? "the server"} was refused when checked " +
            $"against the CA file '{caFile}' only: {refused.Message} Pass the CA that signed the server's certificate " +
            "(for ./aicq up: .aicq/tls/ca.crt).", e);
}
