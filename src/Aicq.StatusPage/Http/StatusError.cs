using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aicq.StatusPage.Http;

/// <summary>The one error shape of every JSON endpoint, as in the AICQ protocol: <c>{"error": "..."}</c>.</summary>
public sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);

internal static class StatusError
{
    public static IResult Of(int status, string message) => Results.Json(new ErrorResponse(message), statusCode: status);

    public static IResult BadRequest(string message) => Of(StatusCodes.Status400BadRequest, message);
    public static IResult NotFound(string message) => Of(StatusCodes.Status404NotFound, message);
    public static IResult Unavailable(string message) => Of(StatusCodes.Status503ServiceUnavailable, message);

    /// <summary>Reads a JSON body; a malformed or missing one becomes the error to answer with.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken) where T : class
    {
        if (!request.HasJsonContentType())
            return (null, Of(StatusCodes.Status415UnsupportedMediaType, "the body must be application/json"));
        try
        {
            var value = await request.ReadFromJsonAsync<T>(cancellationToken);
            return value is null ? (null, BadRequest("the body must be a JSON object")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, BadRequest($"the body is not valid JSON ({e.Path ?? "$"})"));
        }
    }
}
