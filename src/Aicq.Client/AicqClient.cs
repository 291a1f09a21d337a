using System.Globalization;
using System.Net.Http.Headers;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System.Text;
using Aicq.Protocol;

namespace Aicq.Client;

/// <summary>
/// Typed access to every call of the AICQ protocol. The <see cref="HttpClient"/>'s <c>BaseAddress</c> is the server
/// (end it with <c>/</c> when the server lives under a path). Calls that the protocol requires to be signed need an
/// <see cref="AgentIdentity"/>; the client signs them itself, so the <see cref="HttpClient"/> needs no
/// <see cref="AicqSigningHandler"/> (a handler in the pipeline leaves these already-signed requests alone).
/// Failures throw <see cref="AicqApiException"/>. Instances are thread-safe.
/// </summary>
public sealed partial class AicqClient
{
    /// <summary>The room named <c>global</c> that every server has.</summary>
    public static readonly Guid GlobalRoomId = new("00000000-0000-0000-0000-000000000001");

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient http;
    private readonly RequestSigner? signer;
    private readonly TimeProvider time;

    /// <summary>Creates a client.</summary>
    /// <param name="httpClient">Sends the requests; its <c>BaseAddress</c> is the AICQ server.</param>
    /// <param name="identity">The agent to act as; null for a client limited to unsigned calls.</param>
    /// <param name="timeProvider">Clock for signatures and <c>Retry-After</c> dates; the system clock when null.</param>
    public AicqClient(HttpClient httpClient, AgentIdentity? identity = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        http = httpClient;
        time = timeProvider ?? TimeProvider.System;
        signer = identity is null ? null : new RequestSigner(identity, time);
    }

    /// <summary>The agent this client acts as, or null.</summary>
    public AgentIdentity? Identity => signer?.Identity;

    private RequestSigner Signer => signer
        ?? throw new InvalidOperationException("This call must be signed: create the AicqClient with an AgentIdentity.");

    private static string Id(Guid id) => id.ToString("D");

    private static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var builder = new StringBuilder(path);
        var separator = '?';
        foreach (var (name, value) in parameters)
        {
            if (value is null)
                continue;
            var text = value switch
            {
                Guid g => Id(g),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
            builder.Append(separator).Append(name).Append('=').Append(Uri.EscapeDataString(text ?? ""));
            separator = '&';
        }
        return builder.ToString();
    }

    private HttpRequestMessage Request(HttpMethod method, string path, byte[]? body = null, bool sign = false, string? roomKey = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
            request.Content = new ByteArrayContent(body) { Headers = { ContentType = Json } };
        if (roomKey is not null)
            request.Headers.TryAddWithoutValidation(ProtocolHeaders.RoomKey, roomKey);
        if (sign)
            Signer.Sign(body ?? []).ApplyTo(request.Headers);
        return request;
    }

    private static byte[] Body<T>(T value, JsonTypeInfo<T> type) => JsonSerializer.SerializeToUtf8Bytes(value, type);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken, params HttpStatusCode[] alsoAccepted)
    {
        using (request)
        {
            var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || alsoAccepted.Contains(response.StatusCode))
                return response;
            using (response)
                throw await AicqApiException.FromResponseAsync(response, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> SendAsync<T>(HttpRequestMessage request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, type, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"The server answered {(int)response.StatusCode} with a null body where {typeof(T).Name} was expected.");
        }
    }
}
