using System.Net.Http.Headers;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;

namespace Aicq.Api.Tests.Signing;

/// <summary>
/// Hand-built requests for what AicqClient would never send (stale or future timestamps, short or reused nonces,
/// bodies changed after signing, odd content types). The body goes on the wire as exactly the UTF-8 of the given text.
/// </summary>
public static class SignedRaw
{
    private static readonly JsonSerializerOptions Plain = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static long NowMs => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary><c>{"body": ..., "pid": ...}</c> with non-ASCII text as plain UTF-8, so its byte size is predictable.</summary>
    public static string MessageJson(string body, string? pid = null) => JsonSerializer.Serialize(new { body, pid }, Plain);

    public static string RoomJson(string name, bool? isPrivate = null, string? key = null) =>
        JsonSerializer.Serialize(new { name, is_private = isPrivate, key }, Plain);

    /// <summary>A request without auth headers whose body is exactly <paramref name="body"/>, or none.</summary>
    public static HttpRequestMessage Unsigned(HttpMethod method, string path, string? body = null, string? contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            if (contentType is not null) request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }
        return request;
    }

    /// <summary>A request signed by <paramref name="agent"/> over its exact body; a fresh nonce and the current time unless given.</summary>
    public static HttpRequestMessage Signed(
        TestAgent agent, HttpMethod method, string path, string? body = null, string? nonce = null, long? timestamp = null, string? roomKey = null)
    {
        var request = Unsigned(method, path, body);
        if (roomKey is not null) request.Headers.Add(ProtocolHeaders.RoomKey, roomKey);
        Headers(agent, body, nonce, timestamp).ApplyTo(request.Headers);
        return request;
    }

    /// <summary>The four auth headers of <paramref name="agent"/> over <paramref name="body"/> (no body signs <c>{}</c>).</summary>
    public static SignedHeaders Headers(TestAgent agent, string? body, string? nonce = null, long? timestamp = null) =>
        new RequestSigner(agent.Identity).Sign(Encoding.UTF8.GetBytes(body ?? ""), nonce ?? RequestSigner.NewNonce(), timestamp ?? NowMs);

    public static async Task<HttpResponseMessage> SendAsync(this ApiFactory api, HttpRequestMessage request)
    {
        using var client = api.CreateClient();
        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    /// <summary>A room name no other test uses.</summary>
    public static string UniqueName(string prefix = "room") => $"{prefix}-{Guid.NewGuid():N}";
}
