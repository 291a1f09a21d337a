namespace Aicq.Reliability.Tests.Fuzzing;

/// <summary>One answer and everything wrong with it: a 5xx, a status the request does not explain or the document does not list, a body that does not match the documented schema.</summary>
public sealed record FuzzOutcome(FuzzRequest Request, int Status, IReadOnlyList<string> Problems)
{
    public bool SchemaMatched => !Problems.Any(p => p.StartsWith("body", StringComparison.Ordinal));

    /// <summary>Sends <paramref name="request"/> and judges the answer against <paramref name="operation"/>'s documentation.</summary>
    public static async Task<FuzzOutcome> SendAsync(HttpClient http, FuzzRequest request, ContractOperation operation, SchemaValidator validator)
    {
        using var message = request.Build();
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(message);
        }
        catch (HttpRequestException e)
        {
            return new FuzzOutcome(request, 0, [$"no answer: {e.Message} {e.InnerException?.Message}"]);
        }
        using var _ = response;
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var problems = new List<string>();
        if (status >= 500) problems.Add($"5xx: {status} {Short(text)}");
        if (!request.Expected.Contains(status)) problems.Add($"status {status} where {string.Join("/", request.Expected)} explains it: {Short(text)}");
        if (!operation.Responses.TryGetValue(status.ToString(), out var documented)) problems.Add($"status {status} is not documented");
        else problems.AddRange(CheckBody(documented, response.Content.Headers.ContentType, text, validator));
        if (status is >= 400 and < 500 && !IsErrorShape(text)) problems.Add($"body of a {status} is not {{\"error\": \"...\"}}: {Short(text)}");
        JsonNode? parsed = null;
        if (status is >= 200 and < 300 && request.OnSuccess is not null && TryParse(text, out parsed)) request.OnSuccess(parsed);
        return new FuzzOutcome(request, status, problems);
    }

    private static IEnumerable<string> CheckBody(JsonObject documented, MediaTypeHeaderValue? contentType, string text, SchemaValidator validator)
    {
        var content = documented["content"]?.AsObject();
        if (content is null)
        {
            if (text.Length > 0) yield return $"body where none is documented: {Short(text)}";
            yield break;
        }
        var mediaType = contentType?.MediaType ?? "";
        if (!content.ContainsKey(mediaType)) { yield return $"body of type '{mediaType}' where {string.Join(", ", content.Select(c => c.Key))} is documented"; yield break; }
        if (mediaType != "application/json") yield break;
        if (!TryParse(text, out var json)) { yield return $"body is not JSON: {Short(text)}"; yield break; }
        foreach (var error in validator.Validate(json, content[mediaType]!["schema"]!)) yield return "body " + error;
    }

    private static bool IsErrorShape(string text) => ErrorShape.MessageOf(text) is not null;

    private static bool TryParse(string text, out JsonNode? json)
    {
        try { json = JsonNode.Parse(text); return true; }
        catch (JsonException) { json = null; return false; }
    }

    private static string Short(string text) => text.Length <= 160 ? text : text[..160] + "…";
}
