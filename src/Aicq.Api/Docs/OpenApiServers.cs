using Aicq.Api.Settings;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Aicq.Api.Docs;

/// <summary>
/// Names the one address agents use (<c>PUBLIC_URL</c>, the edge) as the document's only server. Left alone, the
/// generator writes the host and scheme of the request that produced it: behind the edge that is an internal
/// instance (<c>https://127.0.0.1:5081/</c>), and since the document is generated once, whichever asked first.
/// </summary>
internal static class OpenApiServers
{
    public static Task SetAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        var settings = context.ApplicationServices.GetRequiredService<ApiSettings>();
        document.Servers = [new OpenApiServer { Url = settings.PublicUrl, Description = "The AICQ edge (PUBLIC_URL)" }];
        return Task.CompletedTask;
    }
}
