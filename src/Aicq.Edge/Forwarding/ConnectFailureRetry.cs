using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Aicq.Edge.Forwarding;

/// <summary>
/// When an instance refuses the connection (it died and health checks have not noticed yet) the request was never
/// sent, so it is safe to send it to the next healthy instance, whatever its method: clients see no error for an
/// instance that is already gone. Anything that failed after the request was sent is not retried.
/// </summary>
internal sealed partial class ConnectFailureRetry(RequestDelegate next, ILogger<ConnectFailureRetry> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var candidates = proxy.AvailableDestinations;
        while (true)
        {
            await next(context);
            var failed = proxy.ProxiedDestination;
            if (failed is null || context.Response.HasStarted || !RefusedConnection(context.Features.Get<IForwarderErrorFeature>())) return;
            candidates = candidates.Where(d => d != failed).ToList();
            if (candidates.Count == 0) return;
            LogRetry(logger, failed.Model.Config.Address);
            context.Features.Set<IForwarderErrorFeature>(null);
            context.Response.StatusCode = StatusCodes.Status200OK;
            if (context.Request.Body.CanSeek) context.Request.Body.Position = 0;
            proxy.AvailableDestinations = candidates;
        }
    }

    private static bool RefusedConnection(IForwarderErrorFeature? error) =>
        error is { Error: ForwarderError.Request, Exception: HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } };

    [LoggerMessage(EventName = "upstream_retry", Level = LogLevel.Warning, Message = "Upstream {destination} refused the connection; trying another instance")]
    private static partial void LogRetry(ILogger logger, string destination);
}
