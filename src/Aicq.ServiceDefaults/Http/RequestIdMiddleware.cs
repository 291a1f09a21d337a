using System.Text.RegularExpressions;
using Aicq.Protocol;
using Serilog.Context;

namespace Aicq.ServiceDefaults.Http;

/// <summary>
/// Accepts a well-formed inbound X-Request-ID (the edge sets one) or makes one, returns it on the
/// response and pushes it into every log line written while the request runs.
/// </summary>
internal sealed partial class RequestIdMiddleware(RequestDelegate next)
{
    public const string HeaderName = ProtocolHeaders.RequestId;

    [GeneratedRegex("^[A-Za-z0-9._:-]{8,128}$")]
    private static partial Regex WellFormed();

    public async Task InvokeAsync(HttpContext context)
    {
        var inbound = context.Request.Headers[HeaderName].ToString();
        var id = WellFormed().IsMatch(inbound) ? inbound : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        context.Response.Headers[HeaderName] = id;
        using (LogContext.PushProperty("request_id", id))
        {
            await next(context);
        }
    }
}
