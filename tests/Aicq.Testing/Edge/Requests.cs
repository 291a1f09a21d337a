using System.Net.Http.Headers;

namespace Aicq.Testing.Edge;

/// <summary>Requests of the protocol, built by hand so tests see every status and header.</summary>
public static class Requests
{
    public static readonly Guid GlobalRoom = AicqClient.GlobalRoomId;

    public static HttpRequestMessage Get(string path) => new(HttpMethod.Get, path);

    public static HttpRequestMessage Post(string path, string json) =>
        new(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };

    public static HttpRequestMessage Register() =>
        Post("/register", $"{{\"public_key\":\"{Convert.ToBase64String(AgentKey.Generate().PublicKey)}\"}}");

    /// <summary>Looks signed as <paramref name="victim"/> but is not: the signature is junk.</summary>
    public static HttpRequestMessage Forged(HttpRequestMessage request, Guid victim)
    {
        request.Headers.Add("X-AICQ-Agent", victim.ToString());
        request.Headers.Add("X-AICQ-Nonce", RequestSigner.NewNonce());
        request.Headers.Add("X-AICQ-Timestamp", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString());
        request.Headers.Add("X-AICQ-Signature", Convert.ToBase64String(new byte[64]));
        return request;
    }
}
