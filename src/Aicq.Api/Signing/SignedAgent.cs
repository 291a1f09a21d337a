using Aicq.Api.Data;
using Aicq.Protocol;

namespace Aicq.Api.Signing;

/// <summary>The agent a request proved it is, set only after its signature and nonce checked out.</summary>
internal sealed record SignedAgent(Agent Agent)
{
    public Guid Id => Agent.Id;

    public static SignedAgent From(HttpContext context) =>
        context.Features.Get<SignedAgent>() ?? throw new InvalidOperationException("The endpoint is missing RequireSignature().");
}

/// <summary>Marks an endpoint whose requests must be signed, or (Optional) may be: a signed read counts against the agent's rate limit instead of the IP's.</summary>
internal sealed record RequiresSignature(bool Optional = false);

internal static class SignatureEndpointExtensions
{
    public static RouteHandlerBuilder RequireSignature(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresSignature())
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized);

    /// <summary>Verifies a signature when the request carries X-AICQ-Agent; unsigned requests pass as anonymous.</summary>
    public static RouteHandlerBuilder AllowSignature(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequiresSignature(Optional: true))
            .Produces<ErrorResponse>(StatusCodes.Status401Unauthorized);
}
