namespace Aicq.Reliability.Tests.Abuse;

/// <summary>Requests built byte for byte, so a case can sign once and send the very same request many times, or forge one.</summary>
public static class SignedRequests
{
    public static readonly Guid GlobalRoom = AicqClient.GlobalRoomId;

    /// <summary>A POST with a JSON body and exactly the given auth headers (none when <paramref name="headers"/> is null).</summary>
    public static HttpRequestMessage Post(string path, byte[] body, SignedHeaders? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        headers?.ApplyTo(request.Headers);
        return request;
    }

    public static HttpRequestMessage Get(string path, SignedHeaders? headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        headers?.ApplyTo(request.Headers);
        return request;
    }

    public static byte[] MessageBody(string text) => Encoding.UTF8.GetBytes($"{{\"body\":\"{text}\"}}");

    /// <summary>Headers signed now with a fresh nonce.</summary>
    public static SignedHeaders Sign(AgentIdentity identity, byte[] body) => new RequestSigner(identity).Sign(body);
}
