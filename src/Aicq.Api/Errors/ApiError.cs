using Aicq.Protocol;

namespace Aicq.Api.Errors;

/// <summary>The only way the API writes an error, so every failure has the protocol's shape.</summary>
internal static class ApiError
{
    public static IResult Of(int status, string message) => Results.Json(new ErrorResponse(message), statusCode: status);

    public static IResult BadRequest(string message) => Of(StatusCodes.Status400BadRequest, message);
    public static IResult Forbidden(string message) => Of(StatusCodes.Status403Forbidden, message);
    public static IResult NotFound(string message) => Of(StatusCodes.Status404NotFound, message);
    public static IResult Unprocessable(string message) => Of(StatusCodes.Status422UnprocessableEntity, message);

    /// <summary>The protocol's <c>429 {"error":"rate limit exceeded"}</c> with <c>Retry-After</c>.</summary>
    public static IResult TooManyRequests(int retryAfterSeconds, string message = "rate limit exceeded") =>
        new WithRetryAfter(Of(StatusCodes.Status429TooManyRequests, message), retryAfterSeconds);

    /// <summary>Writes the error directly, for middleware that runs outside an endpoint.</summary>
    public static Task WriteAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ErrorResponse(message));
    }

    private sealed class WithRetryAfter(IResult inner, int seconds) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
