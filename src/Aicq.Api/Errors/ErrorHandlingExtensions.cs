using Aicq.ServiceDefaults.Http;

namespace Aicq.Api.Errors;

internal static class ErrorHandlingExtensions
{
    /// <summary>Every failure in the protocol's error shape; a 503 from a dependency says when to retry.</summary>
    public static WebApplication UseApiErrors(this WebApplication app) => app.UseErrorAnswers(new ErrorAnswerRules
    {
        LoggerCategory = "Aicq.Api.Errors",
        Classify = Classify,
        WriteAsync = ApiError.WriteAsync,
        // Temporary by definition (often a store timing out under overload): say when to retry, as shedding does.
        OnUnavailable = context => context.Response.Headers.RetryAfter = Overload.LoadShedding.RetryAfter,
    });

    internal static (int Status, string Message) Classify(Exception? exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode switch
        {
            StatusCodes.Status413PayloadTooLarge => "request body too large",
            StatusCodes.Status415UnsupportedMediaType => "content type must be application/json",
            _ => "invalid request body: expected a JSON object",
        }),
        _ when ErrorAnswers.IsDependencyFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "service temporarily unavailable"),
        _ => (StatusCodes.Status500InternalServerError, "internal error"),
    };
}
