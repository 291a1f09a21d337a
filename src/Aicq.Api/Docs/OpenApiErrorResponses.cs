using Aicq.Api.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aicq.Api.Docs;

/// <summary>
/// Documents the failures every operation can give from middleware rather than from its handler, so a client
/// (or a fuzzer) finds each status the API can answer in the document: 413 and 415 from the body buffer on
/// operations that take input, and on every operation 503 when PostgreSQL or Redis is unavailable or the instance
/// sheds load (see Overload/LoadShedding).
/// </summary>
internal static class OpenApiErrorResponses
{
    public static Task AddAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var (_, path) in document.Paths)
        {
            foreach (var (method, operation) in path.Operations ?? [])
            {
                if (operation.Responses is not { } responses) continue;
                if (responses.Keys.Any(k => k.StartsWith('4')))
                {
                    Add(document, responses, "413", $"Request body over {RequestBodyBuffer.MaxBodyBytes} bytes");
                    if (method == HttpMethod.Post) Add(document, responses, "415", "A body that is not application/json, or whose charset is not UTF-8 (`utf-8` or `utf8`, any case, quoted or not)");
                }
                Add(document, responses, "503", "PostgreSQL or Redis is unavailable, or the instance is overloaded; retry after Retry-After");
            }
        }
        return Task.CompletedTask;
    }

    private static void Add(OpenApiDocument document, OpenApiResponses responses, string status, string description) =>
        responses.TryAdd(status, new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = new OpenApiSchemaReference("ErrorResponse", document) },
            },
        });
}
