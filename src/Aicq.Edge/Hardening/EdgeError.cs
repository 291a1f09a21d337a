using Aicq.Protocol;

namespace Aicq.Edge.Hardening;

/// <summary>The only way the edge writes an error of its own, so every one has the protocol's shape.</summary>
internal static class EdgeError
{
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message), ProtocolJsonContext.Default.ErrorResponse);
    }

    public static IResult Of(int status, string message) =>
        Results.Json(new ErrorResponse(message), ProtocolJsonContext.Default.ErrorResponse, statusCode: status);
}
