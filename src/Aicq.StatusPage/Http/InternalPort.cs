using Aicq.ServiceDefaults.Http;

namespace Aicq.StatusPage.Http;

/// <summary>
/// <c>/internal/*</c>, <c>/metrics</c> and the probes (<c>/health/*</c>) exist only on the internal port; the page
/// itself answers on both. A refusal is a bare 404, which the error pages give its body.
/// </summary>
internal static class InternalPort
{
    public static InternalPortRules Rules(int internalPort) => new()
    {
        InternalPort = internalPort,
        Paths = ["internal", "metrics", "health"],
        PathsOnlyOnInternalPort = true,
        InternalPortServesOnlyPaths = false,
        Refuse = context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        },
    };
}
