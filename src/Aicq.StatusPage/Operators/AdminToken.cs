using System.Security.Cryptography;
using System.Text;
using Aicq.StatusPage.Http;

namespace Aicq.StatusPage.Operators;

/// <summary>
/// Operator endpoints need <c>Authorization: Bearer &lt;STATUS_ADMIN_TOKEN&gt;</c>, compared in constant time.
/// Without a configured token (allowed outside production) they refuse everyone.
/// </summary>
internal sealed class AdminToken(string? token) : IEndpointFilter
{
    private readonly byte[]? _expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (_expected is null)
            return ValueTask.FromResult<object?>(StatusError.Of(StatusCodes.Status403Forbidden, "operator endpoints are disabled: STATUS_ADMIN_TOKEN is not set"));
        var header = context.HttpContext.Request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header["Bearer ".Length..].Trim() : "";
        // Hashing first makes the comparison constant-time whatever the given token's length.
        if (!CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected))
        {
            context.HttpContext.Response.Headers.WWWAuthenticate = "Bearer";
            return ValueTask.FromResult<object?>(StatusError.Of(StatusCodes.Status401Unauthorized, "a valid operator token is required"));
        }
        return next(context);
    }
}
