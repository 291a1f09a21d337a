using Aicq.Api.Errors;
using Aicq.Api.Telemetry;
using Aicq.Protocol;
using Aicq.ServiceDefaults.Http;

namespace Aicq.Api.Signing;

/// <summary>
/// Runs after routing and before the handler on endpoints marked RequireSignature. On success it tells
/// the edge which agent was proven (X-AICQ-Authenticated-Agent, stripped by the edge) so per-agent rate
/// limits are charged only to agents that proved who they are.
/// </summary>
internal sealed partial class SignatureMiddleware(RequestDelegate next, SignatureVerifier verifier, ILogger<SignatureMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var requirement = context.GetEndpoint()?.Metadata.GetMetadata<RequiresSignature>();
        if (requirement is null || (requirement.Optional && !context.Request.Headers.ContainsKey(ProtocolHeaders.Agent)))
        {
            await next(context);
            return;
        }
        var (agent, failure) = await verifier.VerifyAsync(context);
        if (failure is not null)
        {
            ApiMetrics.AuthFailures.WithLabels(failure.Reason).Inc();
            LogAuthFailed(logger, failure.Reason);
            await ApiError.WriteAsync(context, StatusCodes.Status401Unauthorized, failure.Message);
            return;
        }
        context.Features.Set(agent);
        RequestFacts.SetAuthenticatedAgent(context, agent!.Id);
        context.Response.Headers[ProtocolHeaders.AuthenticatedAgent] = agent.Id.ToString();
        await next(context);
    }

    [LoggerMessage(EventName = "auth_failed", Level = LogLevel.Warning, Message = "Signed request refused: {reason}")]
    private static partial void LogAuthFailed(ILogger logger, string reason);
}
