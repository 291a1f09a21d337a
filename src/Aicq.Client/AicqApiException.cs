using System.Net;
using System.Text.Json;
using Aicq.Protocol;

namespace Aicq.Client;

/// <summary>An AICQ server answered with a status the call does not expect (any non-2xx for most calls).</summary>
public sealed class AicqApiException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    /// <param name="statusCode">The HTTP status of the answer.</param>
    /// <param name="error">The <c>error</c> text of the <c>{"error": "..."}</c> body, if there was one.</param>
    /// <param name="retryAfter">The <c>Retry-After</c> delay, if the server sent one.</param>
    /// <param name="method">The request method.</param>
    /// <param name="path">The request path and query.</param>
    public AicqApiException(HttpStatusCode statusCode, string? error, TimeSpan? retryAfter, string method, string path)
        : base($"AICQ {method} {path} failed with {(int)statusCode} {statusCode}{(error is null ? "" : $": {error}")}")
    {
        StatusCode = statusCode;
        Error = error;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status of the answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>error</c> text of the answer's <c>{"error": "..."}</c> body; null when the body had none.</summary>
    public string? Error { get; }

    /// <summary>How long to wait before retrying, from <c>Retry-After</c> (sent with 429); null when absent.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Builds the exception from a response, reading its error body.</summary>
    internal static async Task<AicqApiException> FromResponseAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage;
        var method = request?.Method.Method ?? "?";
        var path = request?.RequestUri is { } uri ? (uri.IsAbsoluteUri ? uri.PathAndQuery : uri.OriginalString) : "?";
        return new AicqApiException(response.StatusCode, await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false),
            ReadRetryAfter(response, time), method, path);
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, AicqJsonContext.Wire.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? ReadRetryAfter(HttpResponseMessage response, TimeProvider time) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => TimeSpan.FromTicks(Math.Max(0, (date - time.GetUtcNow()).Ticks)),
            _ => null,
        };
}
