using System.Text.Json.Serialization;

namespace Aicq.Edge.Hardening;

/// <summary>The protocol's one error shape: <c>{"error": "..."}</c>.</summary>
internal sealed record ErrorResponse([property: JsonPropertyName("error")] string Error);

/// <summary>The only way the edge writes an error of its own, so every one has the protocol's shape.</summary>
internal static class EdgeError
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message));
    }

    public static IResult Of(int status, string message) => Results.Json(new ErrorResponse(message), statusCode: status);
}
