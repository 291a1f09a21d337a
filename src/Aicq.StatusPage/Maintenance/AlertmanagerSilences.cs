using System.Net.Http.Json;

namespace Aicq.StatusPage.Maintenance;

/// <summary>Alertmanager's silence API (v2): list, create, expire. Errors surface as <see cref="HttpRequestException"/>.</summary>
internal sealed class AlertmanagerSilences(HttpClient http)
{
    /// <summary>Silences this status page made that are not expired yet.</summary>
    public async Task<IReadOnlyList<Silence>> ListOwnAsync(CancellationToken cancellationToken)
    {
        var all = await http.GetFromJsonAsync<List<Silence>>("api/v2/silences", cancellationToken) ?? [];
        return all.Where(s => !s.IsExpired && SilencePlan.WindowOf(s) is not null).ToList();
    }

    public async Task<string> CreateAsync(SilenceRequest request, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsJsonAsync("api/v2/silences", request, cancellationToken);
        Ensure(response, "creating a silence");
        var created = await response.Content.ReadFromJsonAsync<SilenceCreated>(cancellationToken);
        return created?.SilenceId ?? throw new HttpRequestException("Alertmanager answered a new silence without its id");
    }

    /// <summary>Expires a silence; one already gone counts as expired.</summary>
    public async Task ExpireAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await http.DeleteAsync($"api/v2/silence/{Uri.EscapeDataString(id)}", cancellationToken);
        if (response.StatusCode != System.Net.HttpStatusCode.NotFound) Ensure(response, "expiring a silence");
    }

    /// <summary>The status code only: Alertmanager's error text can name hosts and is not shown on the page.</summary>
    private static void Ensure(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"Alertmanager answered {(int)response.StatusCode} {what}", null, response.StatusCode);
    }
}
