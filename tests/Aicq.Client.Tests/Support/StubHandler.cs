namespace Aicq.Client.Tests.Support;

/// <summary>A request as it reached the wire: captured before the stub answers.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, byte[]? Body, string? ContentType);

/// <summary>Answers requests with canned responses and records what was sent.</summary>
internal sealed class StubHandler(Func<CapturedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    /// <summary>Answers every request with <paramref name="status"/> and a JSON <paramref name="body"/>.</summary>
    public StubHandler(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null)
        : this(_ => Response(status, body, configure))
    {
    }

    public List<CapturedRequest> Requests { get; } = [];

    public CapturedRequest Single => Assert.Single(Requests);

    public static HttpClient Client(StubHandler handler) => new(handler) { BaseAddress = new Uri("http://aicq.test/") };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var bytes = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        Capture(request, bytes);
        return Respond(request);
    }

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? bytes = null;
        if (request.Content is not null)
        {
            using var buffer = new MemoryStream();
            request.Content.CopyTo(buffer, null, cancellationToken);
            bytes = buffer.ToArray();
        }
        Capture(request, bytes);
        return Respond(request);
    }

    public static HttpResponseMessage Response(HttpStatusCode status, string? body = null, Action<HttpResponseMessage>? configure = null)
    {
        var response = new HttpResponseMessage(status);
        if (body is not null)
            response.Content = new StringContent(body, Encoding.UTF8, "application/json");
        configure?.Invoke(response);
        return response;
    }

    private void Capture(HttpRequestMessage request, byte[]? bytes)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        Requests.Add(new CapturedRequest(request.Method, request.RequestUri!, headers, bytes, request.Content?.Headers.ContentType?.ToString()));
    }

    private HttpResponseMessage Respond(HttpRequestMessage request)
    {
        var response = respond(Requests[^1]);
        response.RequestMessage = request;
        return response;
    }
}
