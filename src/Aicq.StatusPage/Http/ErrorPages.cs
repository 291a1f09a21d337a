using System.Net;
using Aicq.ServiceDefaults.Http;

namespace Aicq.StatusPage.Http;

/// <summary>
/// Every failure gets a body: the <c>{"error": ...}</c> shape for the machine routes (and any client that does not
/// ask for HTML), a small HTML page for a browser on the page's own paths. A crash becomes a 500 without a stack
/// trace, a database that is away a 503, a client's bad body its 4xx.
/// </summary>
internal static class ErrorPages
{
    private static readonly string[] MachinePrefixes = ["/api", "/internal", "/health", "/metrics", "/badge", "/feed.atom", "/_blazor", "/_framework"];

    public static WebApplication UseStatusErrors(this WebApplication app) => app.UseErrorAnswers(new ErrorAnswerRules
    {
        LoggerCategory = "Aicq.StatusPage.Errors",
        Classify = Classify,
        WriteAsync = WriteAsync,
    });

    internal static (int Status, string Message) Classify(Exception? exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "the body is too large" : "bad request"),
        _ when ErrorAnswers.IsDependencyFailure(exception) => (StatusCodes.Status503ServiceUnavailable, "the status database is unavailable; retry"),
        _ => (StatusCodes.Status500InternalServerError, "internal error"),
    };

    private static Task WriteAsync(HttpContext context, int status, string message)
    {
        if (!WantsHtml(context.Request)) return StatusError.WriteAsync(context, status, message);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status} · AICQ status</title></head>" +
            $"<body><h1>{status}</h1><p>{WebUtility.HtmlEncode(message)}.</p><p><a href=\"/\">AICQ status</a></p></body></html>");
    }

    private static bool WantsHtml(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase)
        && !MachinePrefixes.Any(prefix => request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase));
}
