using Aicq.Api.Errors;
using Aicq.Api.Settings;
using Aicq.ServiceDefaults.Http;

namespace Aicq.Api.Http;

/// <summary>
/// The internal port is for the scraper and the platform's checks only: <c>/metrics</c> and the health endpoints.
/// Everything else answers 404 there, so no protocol call can be made on a port that the edge does not front
/// (its rate limits, blocks and client-address rules would not apply). The public port keeps the health endpoints:
/// the edge's readiness checks use them.
/// </summary>
internal static class InternalPort
{
    public static InternalPortRules Rules(ApiSettings settings) => new()
    {
        InternalPort = settings.InternalPort,
        Paths = ["metrics", "health"],
        PathsOnlyOnInternalPort = false,
        InternalPortServesOnlyPaths = true,
        Refuse = context => ApiError.WriteAsync(context, StatusCodes.Status404NotFound, "not found"),
    };
}
