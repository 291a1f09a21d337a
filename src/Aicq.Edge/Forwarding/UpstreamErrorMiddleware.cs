using Aicq.Edge.Hardening;
using Yarp.ReverseProxy.Forwarder;

namespace Aicq.Edge.Forwarding;

/// <summary>YARP answers a failed forward with a bare status; clients get the protocol's error shape instead.</summary>
internal sealed partial class UpstreamErrorMiddleware(RequestDelegate next, ILogger<UpstreamErrorMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        var status = context.Response.StatusCode;
        if (context.Features.Get<IForwarderErrorFeature>() is not { } error) return;
        LogFailed(logger, error.Error.ToString(), error.Exception?.GetType().Name ?? "none",
            context.GetReverseProxyFeature().ProxiedDestination?.Model.Config.Address ?? "none");
        if (context.Response.HasStarted || status < 400 || context.RequestAborted.IsCancellationRequested) return;
        var message = status switch
        {
            StatusCodes.Status502BadGateway => "upstream unavailable",
            StatusCodes.Status503ServiceUnavailable => "service temporarily unavailable",
            StatusCodes.Status504GatewayTimeout => "upstream timed out",
            _ => "request failed",
        };
        await EdgeError.WriteAsync(context, status, message);
    }

    [LoggerMessage(EventName = "upstream_error", Level = LogLevel.Warning, Message = "Forwarding to {destination} failed: {error} ({exception_type})")]
    private static partial void LogFailed(ILogger logger, string error, string exception_type, string destination);
}
