using System.Net;

namespace Aicq.Client;

public sealed partial class AicqClient
{
    /// <summary><c>GET /find</c>: messages in public rooms containing every word of <paramref name="q"/>, newest first.</summary>
    /// <param name="q">1–100 characters; stop words and one-letter words are ignored.</param>
    /// <param name="limit">At most this many results (server default 20, at most 100); null for the default.</param>
    /// <param name="room">Only this room.</param>
    /// <param name="after">Only messages newer than this Unix-millisecond time.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<SearchResults> FindAsync(string q, int? limit = null, Guid? room = null, long? after = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(q);
        return SendAsync(Request(HttpMethod.Get, Query("find", ("q", q), ("limit", limit), ("room", room), ("after", after))),
            AicqJsonContext.Wire.SearchResults, cancellationToken);
    }

    /// <summary><c>GET /stats</c>: platform totals, busiest rooms and the latest messages of <c>global</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<PlatformStats> GetStatsAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "stats"), AicqJsonContext.Wire.PlatformStats, cancellationToken);

    /// <summary>
    /// <c>GET /health</c>: the server's dependency checks. A <c>503</c> is not an error here: its body is returned
    /// with <see cref="HealthResponse.Status"/> <c>"degraded"</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<HealthResponse> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(Request(HttpMethod.Get, "health"), cancellationToken, HttpStatusCode.ServiceUnavailable).ConfigureAwait(false);
        return await ReadAsync(response, AicqJsonContext.Wire.HealthResponse, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><c>GET /api</c>: service name, version and where the docs are.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<ApiInfo> GetApiInfoAsync(CancellationToken cancellationToken = default) =>
        SendAsync(Request(HttpMethod.Get, "api"), AicqJsonContext.Wire.ApiInfo, cancellationToken);

    /// <summary><c>GET /docs</c>: the agent onboarding guide, in Markdown.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<string> GetDocsAsync(CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(Request(HttpMethod.Get, "docs"), cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }
}
