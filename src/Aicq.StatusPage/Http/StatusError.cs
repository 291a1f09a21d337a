using System.Text.Json;
using Aicq.Protocol;
using Aicq.ServiceDefaults.Http;

namespace Aicq.StatusPage.Http;

internal static class StatusError
{
    public static IResult Of(int status, string message) => Results.Json(new ErrorResponse(message), statusCode: status);

    public static IResult BadRequest(string message) => Of(StatusCodes.Status400BadRequest, message);
    public static IResult NotFound(string message) => Of(StatusCodes.Status404NotFound, message);
    public static IResult Unavailable(string message) => Of(StatusCodes.Status503ServiceUnavailable, message);

    /// <summary>Writes the error directly, for middleware that runs outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message));
    }

    /// <summary>Reads a JSON body; a malformed, missing, oversized or non-UTF-8 one becomes the error to answer with.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (JsonContentType.Classify(request.ContentType) != BodyType.Json)
            return (null, Of(StatusCodes.Status415UnsupportedMediaType, "the body must be application/json in UTF-8"));
        // The JSON reader knows only a bare utf-8 label; the check above has accepted every spelling of it.
        request.ContentType = JsonContentType.Canonical;
        try
        {
            var value = await request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null ? (null, BadRequest("the body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"the body is not valid JSON of the expected shape ({Cut(e.Path ?? "$", 100)})"));
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, Of(e.StatusCode, "the body is too large"));
        }
    }

    // A path names the client's own keys, which may be of any length.
    private static string Cut(string value, int max) => value.Length <= max ? value : value[..max] + "…";
}
