using System.Net;
using System.Security.Cryptography;
using System.Text;
using Aicq.Edge.ClientAddress;
using Aicq.Edge.Hardening;
using Aicq.Edge.RateLimiting;

namespace Aicq.Edge.Admin;

/// <summary>
/// Operators list and lift blocks here. Served on the internal port only (Hardening/InternalPort), and only with
/// <c>Authorization: Bearer $ADMIN_TOKEN</c>.
/// </summary>
internal static partial class AdminApi
{
    public static WebApplication MapAdminApi(this WebApplication app)
    {
        var group = app.MapGroup("/admin").AddEndpointFilter(RequireToken).ExcludeFromDescription();
        group.MapGet("/blocks", ListBlocks).WithName("ListBlocks");
        group.MapDelete("/blocks/{ip}", LiftBlock).WithName("LiftBlock");
        return app;
    }

    private static async Task<IResult> ListBlocks(LimiterStore store)
    {
        var blocks = await store.ListBlocksAsync();
        return Results.Json(new BlockListResponse([.. blocks.Select(b => new BlockView(b.Ip, b.BlockedAt, b.ExpiresAt))]), AdminJsonContext.Default.BlockListResponse);
    }

    private static async Task<IResult> LiftBlock(string ip, LimiterStore store, ILoggerFactory loggers)
    {
        // An IPv6 block covers its /64; any address inside it names the block.
        if (!IPAddress.TryParse(ip.Split('/')[0], out var address)) return EdgeError.Of(StatusCodes.Status400BadRequest, "not an IP address");
        var normalized = ClientKey.For(address);
        try
        {
            if (!await store.UnblockAsync(normalized)) return EdgeError.Of(StatusCodes.Status404NotFound, "not blocked");
        }
        catch (BlockStoreUnavailableException)
        {
            return EdgeError.Of(StatusCodes.Status503ServiceUnavailable, "redis is unreachable; try again when it is back");
        }
        LogLifted(loggers.CreateLogger("Aicq.Edge.Admin"), normalized);
        return Results.NoContent();
    }

    private static async ValueTask<object?> RequireToken(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var expected = http.RequestServices.GetRequiredService<AdminSettings>().Token;
        if (expected is null) return EdgeError.Of(StatusCodes.Status404NotFound, "admin endpoints are off: set ADMIN_TOKEN");
        var header = http.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        // Compare digests so neither the length nor the content of the token leaks through timing.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), SHA256.HashData(Encoding.UTF8.GetBytes(expected))))
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return EdgeError.Of(StatusCodes.Status401Unauthorized, "unauthorized");
        }
        return await next(context);
    }

    [LoggerMessage(EventName = "block_lifted", Level = LogLevel.Warning, Message = "An operator lifted the block on {ip}")]
    private static partial void LogLifted(ILogger logger, string ip);
}
