using System.Text.RegularExpressions;

namespace Aicq.StatusPage.Canary;

/// <summary>
/// Gives every call of the synthetic agent an <c>X-Request-ID</c> of its own (<c>canary-</c> and 32 hex digits, a form the
/// edge and the API accept and log as <c>request_id</c>) and collects the ids of the current step, so a failed step
/// names calls an operator can find in Loki. A well-formed id the server answers with wins: it is what the server logged.
/// </summary>
internal sealed partial class CanaryRequestIds : DelegatingHandler
{
    public const string HeaderName = "X-Request-ID";
    private const int MaxPerStep = 8;
    private static readonly AsyncLocal<List<string>?> Current = new();

    /// <summary>Starts collecting the ids of the calls made from here on in this async flow.</summary>
    public static List<string> Begin() => Current.Value = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var sent = $"canary-{Guid.NewGuid():N}";
        request.Headers.Remove(HeaderName);
        request.Headers.TryAddWithoutValidation(HeaderName, sent);
        var ids = Current.Value;
        try
        {
            var response = await base.SendAsync(request, cancellationToken);
            var answered = response.Headers.TryGetValues(HeaderName, out var values) ? values.FirstOrDefault() : null;
            Record(ids, answered is not null && WellFormed().IsMatch(answered) ? answered : sent);
            return response;
        }
        catch
        {
            Record(ids, sent);
            throw;
        }
    }

    private static void Record(List<string>? ids, string id)
    {
        if (ids is null) return;
        lock (ids)
            if (ids.Count < MaxPerStep) ids.Add(id);
    }

    /// <summary>The form the services' request-id middleware accepts.</summary>
    [GeneratedRegex("^[A-Za-z0-9._:-]{8,128}$")]
    private static partial Regex WellFormed();
}
