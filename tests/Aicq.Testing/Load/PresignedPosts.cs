using System.Net.Http.Headers;
using Aicq.Protocol;

namespace Aicq.Testing.Load;

/// <summary>
/// Signed POSTs whose bodies and signatures were all made before the timed run (nonces are single-use, so
/// every request needs its own). Taking one is an array read and an interlocked increment; the Ed25519
/// signing never runs in the measured path.
/// </summary>
public sealed class PresignedPosts(IReadOnlyList<PresignedPost> posts) : IRequestSource
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private int _next = -1;

    public HttpRequestMessage? Next()
    {
        var index = Interlocked.Increment(ref _next);
        return index < posts.Count ? Build(posts[index]) : null;
    }

    public static HttpRequestMessage Build(PresignedPost post)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, post.Url) { Content = new ByteArrayContent(post.Body) };
        request.Content.Headers.ContentType = Json;
        var headers = request.Headers;
        headers.TryAddWithoutValidation(ProtocolHeaders.Agent, post.Agent);
        headers.TryAddWithoutValidation(ProtocolHeaders.Nonce, post.Nonce);
        headers.TryAddWithoutValidation(ProtocolHeaders.Timestamp, post.Timestamp);
        headers.TryAddWithoutValidation(ProtocolHeaders.Signature, post.Signature);
        return request;
    }
}

/// <summary>One ready-to-send signed request: its room, exact body bytes and the four header values.</summary>
public sealed record PresignedPost(Uri Url, byte[] Body, string Agent, string Nonce, string Timestamp, string Signature)
{
    public static PresignedPost Sign(RequestSigner signer, Uri url, byte[] body)
    {
        var headers = signer.Sign(body);
        return new PresignedPost(url, body, headers.AgentId.ToString("D"), headers.Nonce,
            headers.Timestamp.ToString(CultureInfo.InvariantCulture), headers.Signature);
    }
}
