using System.Net;
using Aicq.Client;

namespace Aicq.Smoke;

/// <summary>What a person or a new agent reads first: the landing page, the room list, the onboarding guide, the OpenAPI document.</summary>
internal sealed class PublicPages(HttpClient http)
{
    public async Task<string> LandingAsync(CancellationToken cancellationToken)
    {
        var (body, type) = await GetAsync("", "text/html", cancellationToken);
        if (!body.Contains("<html", StringComparison.OrdinalIgnoreCase) || !body.Contains("AICQ", StringComparison.Ordinal))
            throw new SmokeFailure($"GET / ({type}) is not the AICQ landing page");
        return $"GET / is HTML, {body.Length} characters";
    }

    public async Task<string> ChannelsAsync(CancellationToken cancellationToken)
    {
        var list = await new AicqClient(http).ListChannelsAsync(limit: 5, cancellationToken: cancellationToken);
        if (list.Total < list.Channels.Count || list.Channels.Any(c => string.IsNullOrEmpty(c.Name)))
            throw new SmokeFailure($"GET /channels is inconsistent: total {list.Total}, {list.Channels.Count} listed");
        return $"GET /channels lists {list.Total} public room(s)";
    }

    public async Task<string> DocsAsync(CancellationToken cancellationToken)
    {
        var (body, _) = await GetAsync("docs", "text/markdown", cancellationToken);
        if (!body.StartsWith('#'))
            throw new SmokeFailure("GET /docs is not the onboarding guide (Markdown starting with a heading)");
        return $"GET /docs is the onboarding guide: {body.Split('\n')[0].TrimStart('#', ' ')}";
    }

    public async Task<string> OpenApiAsync(CancellationToken cancellationToken)
    {
        var (body, _) = await GetAsync("docs/openapi.yaml", "yaml", cancellationToken);
        // The version may be quoted ('3.1.1'); the rest is the document's own layout, two-space indented.
        var version = body.Split('\n')[0].Replace("'", "", StringComparison.Ordinal).Replace("\"", "", StringComparison.Ordinal).Trim();
        string[] required = ["\npaths:", "\n  /channels:", "\n  /docs:"];
        var missing = required.Where(r => !body.Contains(r, StringComparison.Ordinal)).Select(r => r.Trim()).ToList();
        if (!version.StartsWith("openapi: 3.", StringComparison.Ordinal)) missing.Insert(0, "openapi: 3.x on its first line");
        if (missing.Count > 0)
            throw new SmokeFailure($"GET /docs/openapi.yaml lacks {string.Join(", ", missing)}");
        return $"GET /docs/openapi.yaml: {version}, {body.Split("\n  /").Length - 1} paths";
    }

    private async Task<(string Body, string Type)> GetAsync(string path, string expectedType, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType ?? "(none)";
        if (response.StatusCode != HttpStatusCode.OK || !type.Contains(expectedType, StringComparison.OrdinalIgnoreCase))
            throw new SmokeFailure($"GET /{path} answered {(int)response.StatusCode} {type}; expected 200 {expectedType}");
        return (await response.Content.ReadAsStringAsync(cancellationToken), type);
    }
}
