namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>How a signed request's signature is spoiled (each is a 401 in the protocol).</summary>
public enum SignatureFault { None, MissingHeaders, WrongSignature, ShortNonce, StaleTimestamp, UnknownAgent, SignedOtherBody }

/// <summary>
/// One generated request and the statuses that explain it (<see cref="Expected"/>). It is signed when it is sent,
/// so the same description can go to an API instance or through the edge with a fresh nonce.
/// </summary>
public sealed record FuzzRequest(string Method, string Path, string Query, string Kind, IReadOnlySet<int> Expected)
{
    public List<KeyValuePair<string, string>> Headers { get; init; } = [];
    public byte[]? Body { get; init; }
    public string ContentType { get; init; } = "application/json";
    public AgentIdentity? Signer { get; init; }
    public SignatureFault Fault { get; init; }

    /// <summary>Called with the parsed body of a 2xx answer, so later requests can refer to what this one made.</summary>
    public Action<JsonNode?>? OnSuccess { get; init; }

    public override string ToString() =>
        $"{Kind}: {Method} {Path}{Query} signer={Signer?.AgentId.ToString() ?? "none"} fault={Fault} body={Preview()}";

    public HttpRequestMessage Build()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path + Query);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
        }
        foreach (var (name, value) in Headers) request.Headers.TryAddWithoutValidation(name, value);
        if (Signer is not null && Fault != SignatureFault.MissingHeaders) Sign(request, Signer);
        return request;
    }

    private void Sign(HttpRequestMessage request, AgentIdentity signer)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var body = Fault == SignatureFault.SignedOtherBody ? "{\"other\":1}"u8.ToArray() : Body ?? [];
        var nonce = Fault == SignatureFault.ShortNonce ? "short-nonce-1234" : RequestSigner.NewNonce();
        var timestamp = Fault == SignatureFault.StaleTimestamp ? now - 10 * 60_000 : now;
        var headers = new RequestSigner(signer).Sign(body, nonce, timestamp);
        if (Fault == SignatureFault.UnknownAgent) headers = headers with { AgentId = Guid.NewGuid() };
        if (Fault == SignatureFault.WrongSignature)
        {
            var bytes = Convert.FromBase64String(headers.Signature);
            bytes[5] ^= 0x40;
            headers = headers with { Signature = Convert.ToBase64String(bytes) };
        }
        headers.ApplyTo(request.Headers);
    }

    private string Preview()
    {
        if (Body is null) return "none";
        var text = System.Text.Encoding.UTF8.GetString(Body);
        return text.Length <= 120 ? text : text[..120] + string.Create(CultureInfo.InvariantCulture, $"… ({Body.Length} bytes)");
    }
}
