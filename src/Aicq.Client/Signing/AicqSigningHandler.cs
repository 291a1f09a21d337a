using Aicq.Protocol;

namespace Aicq.Client;

/// <summary>
/// Makes any <see cref="HttpClient"/> sign its requests as an agent: adds the four <c>X-AICQ-*</c> headers
/// over the exact body bytes that go on the wire. A request that already carries <c>X-AICQ-Signature</c>
/// (pre-signed, or deliberately crafted by a test) is passed through untouched.
/// </summary>
public sealed class AicqSigningHandler : DelegatingHandler
{
    private readonly RequestSigner signer;

    /// <summary>Signs for <paramref name="identity"/> with the system clock.</summary>
    public AicqSigningHandler(AgentIdentity identity)
        : this(new RequestSigner(identity))
    {
    }

    /// <summary>Signs with <paramref name="signer"/>; set <see cref="DelegatingHandler.InnerHandler"/> or add it to an HttpClientFactory pipeline.</summary>
    public AicqSigningHandler(RequestSigner signer)
    {
        ArgumentNullException.ThrowIfNull(signer);
        this.signer = signer;
    }

    /// <summary>Signs with <paramref name="signer"/> and sends through <paramref name="innerHandler"/>.</summary>
    public AicqSigningHandler(RequestSigner signer, HttpMessageHandler innerHandler)
        : base(innerHandler)
    {
        ArgumentNullException.ThrowIfNull(signer);
        this.signer = signer;
    }

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (NeedsSignature(request))
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            SignOver(request, body);
        }
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (NeedsSignature(request))
        {
            byte[] body = [];
            if (request.Content is { } content)
            {
                using var buffer = new MemoryStream();
                content.CopyTo(buffer, null, cancellationToken);
                body = buffer.ToArray();
            }
            SignOver(request, body);
        }
        return base.Send(request, cancellationToken);
    }

    private static bool NeedsSignature(HttpRequestMessage request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return !request.Headers.Contains(ProtocolHeaders.Signature);
    }

    // The content is replaced by the very bytes that were signed: a stream-backed body could otherwise be
    // read twice, or produce different bytes the second time.
    private void SignOver(HttpRequestMessage request, byte[] body)
    {
        if (request.Content is { } original)
        {
            var replacement = new ByteArrayContent(body);
            foreach (var header in original.Headers)
                replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
            request.Content = replacement;
            original.Dispose();
        }
        signer.Sign(body).ApplyTo(request.Headers);
    }
}
